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
  void reluAfterAnAddOfTwoTensorsIsTheAddsEpilogue() {
    assertEquals(List.of(2, 1), counts("ADD tensors + RELU"));
  }

  @Test
  void elementwiseOpsFuseIntoAnElementwiseProducer() {
    // TANH, LOGISTIC, ADD, RELU: the ADD cannot join the TANH (its other operand, the LOGISTIC,
    // runs later) but joins the LOGISTIC (the TANH ran before), and the RELU follows
    assertEquals(List.of(4, 2), counts("TANH, LOGISTIC + ADD + RELU"));
  }

  @Test
  void aMulByABroadcastTensorTakesAChain() {
    assertEquals(List.of(4, 1), counts("MUL + ADD tensor + RELU6 after a MUL"));
  }

  @Test
  void poolingResizeAndConcatenationTakeEpilogues() {
    assertEquals(List.of(2, 1), counts("MAX_POOL_2D + MUL constant"));
    assertEquals(List.of(2, 1), counts("RESIZE_BILINEAR + ADD tensor"));
    assertEquals(List.of(3, 1), counts("CONCATENATION + SUB + HARD_SWISH"));
  }

  @Test
  void reductionsTakeEpilogues() {
    // MEAN + PRELU and SOFTMAX + DIV: a SOFTMAX is no elementwise op, so it starts a kernel
    assertEquals(List.of(4, 2), counts("MEAN + PRELU, SOFTMAX + DIV"));
  }

  @Test
  void anAliasTakesNoEpilogue() {
    // RELU, RESHAPE (a view: no kernel), TANH: the TANH cannot run in a kernel the RESHAPE lacks
    assertEquals(List.of(3, 2), counts("RELU, view, TANH"));
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
  void channelPadsMergeIntoThePoolingsBeforeThem() {
    // MAX_POOL_2D, PAD, ADD, AVERAGE_POOL_2D, PAD: the ADD is the merged pooling's epilogue
    assertEquals(List.of(5, 2), counts("channel PAD merged into MAX_POOL_2D and AVERAGE_POOL_2D"));
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
