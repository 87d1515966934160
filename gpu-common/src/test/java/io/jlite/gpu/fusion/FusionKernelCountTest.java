package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.OpCases;
import io.jlite.ir.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The passes remove the kernels they should: chains fuse into one kernel, PADs into their convs and
 * poolings, no-ops into aliases.
 */
class FusionKernelCountTest {
  private static List<Integer> counts(String name) {
    Graph g = OpCases.all().get(name);
    GpuPlan unfused = GpuPlanner.plan(g, g.nodes(), GpuPlanner.Options.UNFUSED);
    GpuPlan fused = GpuPlanner.plan(g, g.nodes(), GpuPlanner.Options.DEFAULT);
    return List.of(unfused.kernels().size(), fused.kernels().size());
  }

  @Test
  void convAddMulHardSwishBecomeOneKernel() {
    assertEquals(List.of(4, 1), counts("conv + add + hard_swish chain"));
  }

  @Test
  void depthwisePreluSubBecomeOneKernel() {
    // SUB reads the graph input, which exists before the depthwise conv runs
    assertEquals(List.of(3, 1), counts("depthwise + prelu + sub tensor"));
  }

  @Test
  void padsMergeIntoTheirConvolutions() {
    assertEquals(List.of(4, 2), counts("PAD merged into CONV_2D and DEPTHWISE_CONV_2D"));
  }

  @Test
  void padsMergeIntoTheirPoolings() {
    assertEquals(List.of(4, 2), counts("PAD merged into MAX_POOL_2D and AVERAGE_POOL_2D"));
  }

  @Test
  void noOpsBecomeAliases() {
    // RELU, RESHAPE, PAD, SOFTMAX, RESHAPE: only RELU and SOFTMAX move data
    assertEquals(List.of(5, 2), counts("no-op RESHAPEs and identity ops between kernels"));
  }

  @Test
  void aLoneOpIsUntouched() {
    assertEquals(List.of(1, 1), counts("SOFTMAX"));
  }
}
