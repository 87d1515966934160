package io.jlite.gles;

import io.jlite.GpuUnavailableException;
import io.jlite.gpu.kernel.GlslGenerator;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.workgroup.KernelTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Times a kernel in the GLES context for gpu-common's {@link
 * io.jlite.gpu.workgroup.WorkgroupTuner}: binds scratch SSBOs (zeros for tensors, the real
 * constants) once, then for each workgroup builds the compute program (GLSL fixes the workgroup in
 * the source, so each candidate is its own program) and takes the median of a few dispatches, each
 * followed by {@code glFinish}.
 *
 * <p>Candidate programs stay in the context (like every program, until the delegate closes): the
 * context shares programs by source, so one may already serve a partition. With a program cache
 * their binaries are stored too; the winner's is what the partition then loads.
 */
final class GlesKernelTimer implements KernelTimer {
  private final GlesContext context;

  GlesKernelTimer(GlesContext context) {
    this.context = context;
  }

  @Override
  public Trial prepare(KernelSource kernel) {
    GlslGenerator generator = new GlslGenerator();
    // Which arguments are buffers does not depend on the workgroup.
    List<KernelArg> parameters = generator.lower(kernel, new Grid(1, 1, 1)).parameters();
    List<GlesBuffer> buffers = new ArrayList<>();
    try {
      for (KernelArg a : parameters) {
        buffers.add(scratch(a));
      }
    } catch (RuntimeException e) {
      buffers.forEach(GlesBuffer::close);
      throw e;
    }
    return new Trial() {
      @Override
      public OptionalLong nanos(Grid workgroup) {
        Grid groups;
        try {
          groups = GlesPartition.groups(new PlannedKernel(kernel, workgroup, List.of()), workgroup);
        } catch (GpuUnavailableException e) {
          return OptionalLong.empty(); // more workgroups along an axis than GLES guarantees
        }
        LoweredKernel lowered = generator.lower(kernel, workgroup);
        GlesProgram program =
            context.program(kernel.name() + " tuning " + workgroup, lowered.source());
        return OptionalLong.of(
            KernelTimer.medianNanos(
                DEFAULT_RUNS,
                () -> {
                  program.dispatch(buffers, groups.x(), groups.y(), groups.z());
                  context.finish();
                }));
      }

      @Override
      public void close() {
        buffers.forEach(GlesBuffer::close);
      }
    };
  }

  /** An SSBO for one parameter: the constant's values, or zeros for a tensor. */
  private GlesBuffer scratch(KernelArg arg) {
    float[] data = KernelTimer.scratchData(arg);
    GlesBuffer b = context.allocate("tuning " + arg.name(), (long) data.length * Float.BYTES);
    b.write(data);
    return b;
  }
}
