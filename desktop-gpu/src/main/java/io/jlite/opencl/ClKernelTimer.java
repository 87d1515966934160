package io.jlite.opencl;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.workgroup.KernelTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Times a kernel on the OpenCL device for gpu-common's {@link
 * io.jlite.gpu.workgroup.WorkgroupTuner}: builds it (through the runtime, so the partition later
 * reuses the program), binds scratch buffers (zeros for tensors, the real constants), and for each
 * workgroup takes the median of a few launches, each followed by {@code clFinish}.
 *
 * <p>OpenCL's local size is a launch parameter, so one program serves every candidate; a candidate
 * larger than the kernel allows on this device ({@code CL_KERNEL_WORK_GROUP_SIZE}) is not run.
 */
final class ClKernelTimer implements KernelTimer {
  private final OpenClRuntime runtime;
  private final String buildOptions;

  ClKernelTimer(OpenClRuntime runtime, String buildOptions) {
    this.runtime = runtime;
    this.buildOptions = buildOptions;
  }

  @Override
  public Trial prepare(KernelSource kernel) {
    LoweredKernel lowered = new OpenClGenerator().lower(kernel, new Grid(1, 1, 1));
    ClKernel k = runtime.program(lowered.source(), buildOptions).kernel(lowered.entryPoint());
    List<ClBuffer> buffers = new ArrayList<>();
    try {
      List<KernelArg> parameters = lowered.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        ClBuffer b = scratch(parameters.get(i));
        buffers.add(b);
        k.arg(i, b);
      }
    } catch (RuntimeException e) {
      buffers.forEach(ClBuffer::close);
      k.close();
      throw e;
    }
    long kernelMax = k.maxWorkGroupSize();
    return new Trial() {
      @Override
      public OptionalLong nanos(Grid workgroup) {
        if (workgroup.size() > kernelMax) {
          return OptionalLong.empty();
        }
        PlannedKernel launch = new PlannedKernel(kernel, workgroup, List.of());
        long[] global = launch.globalSize();
        long[] local = launch.localSize();
        return OptionalLong.of(
            KernelTimer.medianNanos(
                DEFAULT_RUNS,
                () -> {
                  k.enqueue(global, local);
                  runtime.finish();
                }));
      }

      @Override
      public void close() {
        buffers.forEach(ClBuffer::close);
        k.close();
      }
    };
  }

  /** A buffer for one parameter: the constant's values, or zeros for a tensor. */
  private ClBuffer scratch(KernelArg arg) {
    float[] data = KernelTimer.scratchData(arg);
    ClBuffer b = runtime.allocate("tuning " + arg.name(), (long) data.length * Float.BYTES);
    b.write(data);
    return b;
  }
}
