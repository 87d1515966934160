package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import io.jlite.gpu.fault.DriverCall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_kernel;

/**
 * One kernel of a built {@link ClProgram}, with its arguments. {@link #enqueue} only queues the
 * launch: kernels run in queue order and the host waits once, when it reads a result.
 */
public final class ClKernel implements AutoCloseable {
  private final OpenClRuntime runtime;
  private final String name;
  // Built once: a run checks every launch, and the message is only read when one fails.
  private final String launching;
  private cl_kernel kernel;

  ClKernel(OpenClRuntime runtime, String name, cl_kernel kernel) {
    this.runtime = runtime;
    this.name = name;
    this.launching = "launching kernel " + name;
    this.kernel = kernel;
  }

  public String name() {
    return name;
  }

  private cl_kernel handle() {
    if (kernel == null) {
      throw new IllegalStateException("OpenCL kernel '" + name + "' is closed");
    }
    return kernel;
  }

  /** Sets argument {@code index} to a buffer. */
  public ClKernel arg(int index, ClBuffer buffer) {
    return set(index, Sizeof.cl_mem, Pointer.to(buffer.mem()));
  }

  /** Sets argument {@code index} to an {@code int}. */
  public ClKernel arg(int index, int value) {
    return set(index, Sizeof.cl_int, Pointer.to(new int[] {value}));
  }

  /** Sets argument {@code index} to a {@code float}. */
  public ClKernel arg(int index, float value) {
    return set(index, Sizeof.cl_float, Pointer.to(new float[] {value}));
  }

  /** Sets argument {@code index} to an {@code int2}, {@code int4} (or {@code int}) vector. */
  public ClKernel argInts(int index, int... values) {
    return set(index, (long) values.length * Sizeof.cl_int, Pointer.to(values));
  }

  /** Sets argument {@code index} to a {@code float2} or {@code float4} vector. */
  public ClKernel argFloats(int index, float... values) {
    return set(index, (long) values.length * Sizeof.cl_float, Pointer.to(values));
  }

  private ClKernel set(int index, long size, Pointer value) {
    check(
        CL.clSetKernelArg(handle(), index, size, value),
        "setting argument " + index + " of " + name);
    return this;
  }

  /**
   * Queues one launch over {@code global} work items in groups of {@code local} (or the driver's
   * choice when {@code local} is null). {@code global} is rounded up to a multiple of {@code
   * local}; kernels guard against the extra items.
   */
  public void enqueue(long[] global, long[] local) {
    launch(global, local, null, null);
  }

  /**
   * Like {@link #enqueue}, but the launch (and so, in the in-order queue, everything after it)
   * waits for {@code after}, e.g. a user event of {@link OpenClRuntime#userEvent}.
   */
  void enqueueAfter(long[] global, long[] local, cl_event after) {
    launch(global, local, new cl_event[] {after}, null);
  }

  /**
   * Like {@link #enqueue}, and returns the device time of the launch in nanoseconds once it ran
   * (the runtime must have been opened with profiling; this waits for the launch).
   */
  public long enqueueTimed(long[] global, long[] local) {
    try (Recorded launch = enqueueRecorded(global, local)) {
      return launch.endNanos() - launch.startNanos();
    }
  }

  /**
   * Like {@link #enqueue}, and returns the launch's event, whose device start and end times are
   * read once the launch ran ({@link Recorded}; the runtime must have been opened with profiling).
   * Does not wait.
   */
  Recorded enqueueRecorded(long[] global, long[] local) {
    if (!runtime.profiling()) {
      throw new IllegalStateException(
          "kernel " + name + ": the runtime was opened without profiling");
    }
    cl_event event = new cl_event();
    launch(global, local, null, event);
    return new Recorded(name, event);
  }

  /** A launch whose device times can be read after it ran; close it to release its event. */
  static final class Recorded implements AutoCloseable {
    private final String kernel;
    private cl_event event;

    private Recorded(String kernel, cl_event event) {
      this.kernel = kernel;
      this.event = event;
    }

    /** Device time (ns) the launch started; waits for it to finish. */
    long startNanos() {
      return time(CL.CL_PROFILING_COMMAND_START);
    }

    /** Device time (ns) the launch ended; waits for it to finish. */
    long endNanos() {
      return time(CL.CL_PROFILING_COMMAND_END);
    }

    private long time(int what) {
      if (event == null) {
        throw new IllegalStateException("the launch's event is released");
      }
      check(CL.clWaitForEvents(1, new cl_event[] {event}), "waiting for kernel " + kernel);
      return profilingInfo(event, what);
    }

    @Override
    public void close() {
      if (event != null) {
        CL.clReleaseEvent(event);
        event = null;
      }
    }
  }

  private static long profilingInfo(cl_event event, int what) {
    long[] value = new long[1];
    check(
        CL.clGetEventProfilingInfo(event, what, Sizeof.cl_ulong, Pointer.to(value), null),
        "reading a profiling time");
    return value[0];
  }

  private void launch(long[] global, long[] local, cl_event[] waitFor, cl_event event) {
    long[] rounded = local == null || multipleOf(global, local) ? global : roundUp(global, local);
    int waits = waitFor == null ? 0 : waitFor.length;
    check(
        runtime.call(
            DriverCall.ENQUEUE,
            name,
            () ->
                CL.clEnqueueNDRangeKernel(
                    runtime.queue(),
                    handle(),
                    rounded.length,
                    null,
                    rounded,
                    local,
                    waits,
                    waitFor,
                    event)),
        launching);
  }

  private static long[] roundUp(long[] global, long[] local) {
    long[] rounded = global.clone();
    for (int i = 0; i < rounded.length; i++) {
      rounded[i] = (rounded[i] + local[i] - 1) / local[i] * local[i];
    }
    return rounded;
  }

  private static boolean multipleOf(long[] global, long[] local) {
    for (int i = 0; i < global.length; i++) {
      if (global[i] % local[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The largest workgroup this kernel can run with on its device (registers may limit it). */
  public long maxWorkGroupSize() {
    ByteBuffer value = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    check(
        CL.clGetKernelWorkGroupInfo(
            handle(),
            runtime.deviceId(),
            CL.CL_KERNEL_WORK_GROUP_SIZE,
            Sizeof.size_t,
            Pointer.to(value.array()),
            null),
        "querying the workgroup size of " + name);
    return value.getLong(0);
  }

  @Override
  public void close() {
    if (kernel != null) {
      cl_kernel released = kernel;
      kernel = null;
      runtime.released(this);
      check(CL.clReleaseKernel(released), "releasing kernel " + name);
    }
  }
}
