package io.jlite.gpu.plan;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import java.util.List;

/**
 * One kernel of a plan: its source in the neutral dialect, the workgroup size chosen for it, and
 * the graph nodes (op indices) it computes (more than one when elementwise ops were fused into it).
 *
 * @param source the kernel; lower it with {@link io.jlite.gpu.kernel.OpenClGenerator} or {@link
 *     io.jlite.gpu.kernel.GlslGenerator}
 * @param workgroup the local size; the grid is {@code source.grid()}, which a backend rounds up to
 *     a multiple of it (kernels ignore items past the grid)
 * @param opIndices the model's op indices this kernel covers
 */
public record PlannedKernel(KernelSource source, Grid workgroup, List<Integer> opIndices) {
  public PlannedKernel {
    opIndices = List.copyOf(opIndices);
  }

  /** The global size rounded up to whole workgroups, as OpenCL 1.2 requires. */
  public long[] globalSize() {
    Grid g = source.grid();
    return new long[] {
      roundUp(g.x(), workgroup.x()), roundUp(g.y(), workgroup.y()), roundUp(g.z(), workgroup.z())
    };
  }

  /** The workgroup size as OpenCL's local size. */
  public long[] localSize() {
    return new long[] {workgroup.x(), workgroup.y(), workgroup.z()};
  }

  private static long roundUp(long n, long m) {
    return (n + m - 1) / m * m;
  }
}
