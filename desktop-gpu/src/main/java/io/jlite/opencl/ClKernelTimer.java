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
 * io.jlite.gpu.workgroup.WorkgroupTuner}: builds it alone into a program of its own (the tuner
 * chooses workgroups while the partition is planned, before the partition's one program exists; the
 * program is released with the trial and not cached, since nothing builds it again), binds scratch
 * buffers (zeros for tensors, the real constants), and for each workgroup takes the median of a few
 * launches, each followed by {@code clFinish}.
 *
 * <p>OpenCL's local size is a launch parameter, so one program serves every candidate; a candidate
 * larger than the kernel allows on this device ({@code CL_KERNEL_WORK_GROUP_SIZE}) is not run.
 */
final class ClKernelTimer implements KernelTimer {
  private final OpenClRuntime runtime;
  private final OpenClGenerator generator;
  private final String buildOptions;

  /** Times kernels as {@code generator} lowers them, so as the partition will run them. */
  ClKernelTimer(OpenClRuntime runtime, OpenClGenerator generator, String buildOptions) {
    this.runtime = runtime;
    this.generator = generator;
    this.buildOptions = buildOptions;
  }

  /**
   * How the generator differs from the default (L2 prefetch, unpacked constants), so winners are
   * kept apart by it.
   */
  @Override
  public String variant() {
    return generator.variant();
  }

  @Override
  public Trial prepare(KernelSource kernel) {
    LoweredKernel lowered = generator.lower(kernel, new Grid(1, 1, 1));
    ClProgram program = runtime.programForOneUse(lowered.source(), buildOptions);
    ClKernel k;
    try {
      k = program.kernel(lowered.entryPoint());
    } catch (RuntimeException e) {
      program.close();
      throw e;
    }
    List<ClBuffer> buffers = new ArrayList<>();
    long kernelMax;
    try {
      List<KernelArg> parameters = lowered.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        ClBuffer b = scratch(parameters.get(i));
        buffers.add(b);
        k.arg(i, b);
      }
      kernelMax = k.maxWorkGroupSize();
    } catch (RuntimeException e) {
      buffers.forEach(ClBuffer::close);
      k.close();
      program.close();
      throw e;
    }
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
        program.close();
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
