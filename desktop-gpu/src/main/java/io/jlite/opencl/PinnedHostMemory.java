package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.jocl.CL;
import org.jocl.cl_mem;

/**
 * Page-locked host memory that a device copies into at full bus speed: an {@code
 * CL_MEM_ALLOC_HOST_PTR} buffer kept mapped for its whole life. A {@link ClBuffer} stages its
 * per-run downloads here, because a driver copies into ordinary (pageable) memory, such as a Java
 * array, through a bounce buffer of its own: on the H200 that made reading pose_landmark_heavy's
 * 0.9 MB of outputs take 0.4–1.1 ms, a fifth to half of the whole run.
 */
final class PinnedHostMemory implements AutoCloseable {
  private final OpenClRuntime runtime;
  private final String label;
  private cl_mem mem;
  private ByteBuffer mapped;

  private PinnedHostMemory(OpenClRuntime runtime, String label, cl_mem mem, ByteBuffer mapped) {
    this.runtime = runtime;
    this.label = label;
    this.mem = mem;
    this.mapped = mapped;
  }

  /** {@code bytes} bytes of pinned memory, mapped; owned by the caller. */
  static PinnedHostMemory allocate(OpenClRuntime runtime, String label, long bytes) {
    cl_mem mem = runtime.createBuffer(label, CL.CL_MEM_ALLOC_HOST_PTR, bytes);
    int[] status = new int[1];
    ByteBuffer mapped =
        CL.clEnqueueMapBuffer(
            runtime.queue(),
            mem,
            true,
            CL.CL_MAP_READ | CL.CL_MAP_WRITE,
            0,
            bytes,
            0,
            null,
            null,
            status);
    if (status[0] != CL.CL_SUCCESS) {
      CL.clReleaseMemObject(mem);
      check(status[0], "mapping host staging memory for '" + label + "'");
    }
    return runtime.track(
        new PinnedHostMemory(runtime, label, mem, mapped.order(ByteOrder.nativeOrder())));
  }

  /** The memory as bytes (position 0), for a driver call to copy into. */
  ByteBuffer bytes() {
    if (mapped == null) {
      throw new IllegalStateException("host staging memory for '" + label + "' is released");
    }
    return mapped;
  }

  /** The memory as floats, for the host to copy out of. */
  FloatBuffer floats() {
    return bytes().asFloatBuffer();
  }

  /** Unmaps and releases the memory; closing twice is harmless. */
  @Override
  public void close() {
    if (mem != null) {
      cl_mem released = mem;
      ByteBuffer view = mapped;
      mem = null;
      mapped = null;
      runtime.released(this);
      check(
          CL.clEnqueueUnmapMemObject(runtime.queue(), released, view, 0, null, null),
          "unmapping host staging memory for '" + label + "'");
      check(CL.clReleaseMemObject(released), "releasing host staging memory for '" + label + "'");
    }
  }
}
