package io.jlite.gpu.testing;

import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.PlannedKernel;
import java.util.List;

/** What the tests ask of a plan's kernels. */
public final class PlanKernels {
  private PlanKernels() {}

  /** The kernels of {@code plan} that compute model ops (not the layout conversions), in order. */
  public static List<PlannedKernel> ofOps(GpuPlan plan) {
    return plan.kernels().stream().filter(k -> !k.opIndices().isEmpty()).toList();
  }
}
