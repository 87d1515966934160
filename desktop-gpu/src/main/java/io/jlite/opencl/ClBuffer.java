package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.plan.DeviceBuffer;
import java.nio.ByteBuffer;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A device buffer ({@code cl_mem}) owned by an {@link OpenClRuntime}. Reads and writes are
 * blocking; kernels that use the buffer are only enqueued, so a run of many kernels syncs with the
 * host once, at its first read. Per-run downloads ({@link #startDownload}, {@link #download}) go
 * through pinned host memory the buffer keeps, made at the first one.
 */
public final class ClBuffer implements DeviceBuffer {
  private final OpenClRuntime runtime;
  private final String label;
  private final long bytes;
  private cl_mem mem;
  // Pinned host memory for per-run downloads, made at the first one; floats it holds once the
  // queue has finished (0: none pending).
  private PinnedHostMemory staging;
  private int stagedFloats;

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

  /** Enqueues a copy of the first {@code floats} floats into this buffer's pinned host memory. */
  @Override
  public void startDownload(int floats) {
    long size = (long) floats * Sizeof.cl_float;
    checkSize(size);
    if (staging == null) {
      staging = PinnedHostMemory.allocate(runtime, label + " (host staging)", bytes);
    }
    enqueueRead(Pointer.to(staging.bytes()), size, false);
    stagedFloats = floats;
  }

  /**
   * Copies the start of the buffer into {@code data}: from the pinned host memory once the queue
   * finished if {@link #startDownload} copied enough there, else as {@link #read}.
   */
  @Override
  public void download(float[] data) {
    int staged = stagedFloats;
    stagedFloats = 0;
    if (data.length > staged) {
      read(data);
      return;
    }
    runtime.finish();
    staging.floats().get(0, data, 0, data.length);
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
    enqueueRead(target, size, true);
  }

  private void enqueueRead(Pointer target, long size, boolean blocking) {
    check(
        runtime.call(
            DriverCall.READ,
            label,
            () ->
                CL.clEnqueueReadBuffer(
                    runtime.queue(), mem(), blocking, 0, size, target, 0, null, null)),
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
