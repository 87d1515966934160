package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.plan.DeviceBuffer;
import java.nio.ByteBuffer;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;
import org.jocl.cl_mem;

/**
 * A device buffer ({@code cl_mem}) owned by an {@link OpenClRuntime}. Reads and writes are
 * blocking; kernels that use the buffer are only enqueued, so a run of many kernels syncs with the
 * host once, at its first read. Per-run downloads ({@link #startDownload}, {@link #download}) go
 * through pinned host memory the buffer keeps, made at the first one; early ones ({@link
 * #startEarlyDownload}) on the runtime's second queue, so that they overlap the kernels enqueued
 * after them.
 */
public final class ClBuffer implements DeviceBuffer {
  private final OpenClRuntime runtime;
  private final String label;
  private final long bytes;
  private cl_mem mem;
  // Pinned host memory for per-run downloads, made at the first one; floats it holds once the
  // pending copy (on the runtime's download queue) has finished (0: none pending).
  private PinnedHostMemory staging;
  private int stagedFloats;
  private cl_event staged;
  // Whether that copy is on the download queue ({@link #startEarlyDownload}).
  private boolean early;

  ClBuffer(OpenClRuntime runtime, String label, long bytes, cl_mem mem) {
    this.runtime = runtime;
    this.label = label;
    this.bytes = bytes;
    this.mem = mem;
  }

  /** The size in bytes. */
  public long bytes() {
    return bytes;
  }

  /** The name given at allocation, for messages. */
  public String label() {
    return label;
  }

  cl_mem mem() {
    if (mem == null) {
      throw new IllegalStateException("OpenCL buffer '" + label + "' is closed");
    }
    return mem;
  }

  /** Copies {@code data} to the start of the buffer. */
  @Override
  public void write(float[] data) {
    writeRaw(Pointer.to(data), (long) data.length * Sizeof.cl_float);
  }

  /** Copies {@code data} (e.g. half floats) to the start of the buffer. */
  @Override
  public void write(short[] data) {
    writeRaw(Pointer.to(data), (long) data.length * Sizeof.cl_short);
  }

  /** Copies the remaining bytes of {@code data} to the start of the buffer. */
  public void write(ByteBuffer data) {
    writeRaw(Pointer.to(data), data.remaining());
  }

  /** Copies the start of the buffer into {@code data}, after all enqueued work has finished. */
  @Override
  public void read(float[] data) {
    readRaw(Pointer.to(data), (long) data.length * Sizeof.cl_float);
  }

  /** Copies the start of the buffer into {@code data}, after all enqueued work has finished. */
  public void read(short[] data) {
    readRaw(Pointer.to(data), (long) data.length * Sizeof.cl_short);
  }

  /**
   * Enqueues a copy of the first {@code floats} floats into this buffer's pinned host memory, after
   * everything enqueued so far and before anything enqueued later, for {@link #download}.
   */
  @Override
  public void startDownload(int floats) {
    stage(floats, runtime.queue(), null);
  }

  /**
   * Like {@link #startDownload}, but on the runtime's download queue: the copy waits for the
   * commands enqueued so far (through a marker), while kernels enqueued after it run meanwhile, so
   * none of them may write this buffer before {@link #download}.
   */
  @Override
  public void startEarlyDownload(int floats) {
    cl_event kernelsDone = runtime.marker();
    try {
      stage(floats, runtime.downloadQueue(), new cl_event[] {kernelsDone});
      check(CL.clFlush(runtime.downloadQueue()), "flushing the download queue");
    } finally {
      CL.clReleaseEvent(kernelsDone);
    }
  }

  private void stage(int floats, cl_command_queue queue, cl_event[] waitFor) {
    long size = (long) floats * Sizeof.cl_float;
    checkSize(size);
    if (staging == null) {
      staging = PinnedHostMemory.allocate(runtime, label + " (host staging)", bytes);
    }
    releaseStaged();
    cl_event copied = new cl_event();
    enqueueRead(queue, Pointer.to(staging.bytes()), size, false, waitFor, copied);
    staged = copied;
    stagedFloats = floats;
    early = waitFor != null;
  }

  /**
   * Copies the start of the buffer into {@code data}: from the pinned host memory once the copy
   * {@link #startDownload} or {@link #startEarlyDownload} started has finished, if it copied
   * enough, else as {@link #read}.
   */
  @Override
  public void download(float[] data) {
    int floats = stagedFloats;
    stagedFloats = 0;
    if (staged != null) {
      if (early) {
        // The marker the copy waits for may not have been submitted yet (see OpenClRuntime#marker).
        runtime.flush();
      }
      check(
          CL.clWaitForEvents(1, new cl_event[] {staged}),
          "waiting for the download of buffer '" + label + "'");
      releaseStaged();
    }
    if (data.length > floats) {
      read(data);
      return;
    }
    staging.floats().get(0, data, 0, data.length);
  }

  private void releaseStaged() {
    if (staged != null) {
      CL.clReleaseEvent(staged);
      staged = null;
    }
  }

  private void writeRaw(Pointer source, long size) {
    checkSize(size);
    check(
        runtime.call(
            DriverCall.WRITE,
            label,
            () ->
                CL.clEnqueueWriteBuffer(
                    runtime.queue(), mem(), true, 0, size, source, 0, null, null)),
        "writing " + size + " bytes to buffer '" + label + "'");
  }

  private void readRaw(Pointer target, long size) {
    checkSize(size);
    enqueueRead(runtime.queue(), target, size, true, null, null);
  }

  private void enqueueRead(
      cl_command_queue queue,
      Pointer target,
      long size,
      boolean blocking,
      cl_event[] waitFor,
      cl_event done) {
    int waits = waitFor == null ? 0 : waitFor.length;
    check(
        runtime.call(
            DriverCall.READ,
            label,
            () ->
                CL.clEnqueueReadBuffer(
                    queue, mem(), blocking, 0, size, target, waits, waitFor, done)),
        "reading " + size + " bytes from buffer '" + label + "'");
  }

  private void checkSize(long size) {
    if (size > bytes) {
      throw new IllegalArgumentException(
          size + " bytes do not fit OpenCL buffer '" + label + "' of " + bytes + " bytes");
    }
  }

  /** Releases the {@code cl_mem}; closing twice is harmless. */
  @Override
  public void close() {
    if (mem != null) {
      cl_mem released = mem;
      mem = null;
      runtime.released(this);
      stagedFloats = 0;
      releaseStaged();
      if (staging != null) {
        staging.close();
        staging = null;
      }
      check(CL.clReleaseMemObject(released), "releasing buffer '" + label + "'");
    }
  }

  @Override
  public String toString() {
    return "ClBuffer[" + label + ", " + bytes + " bytes]";
  }
}
