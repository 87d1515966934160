package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.testing.PlanKernels;
import io.jlite.gpu.workgroup.Workgroups;
import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Padding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link FuseDepthwisePointwise}: a depthwise convolution read only by a 1×1 convolution becomes
 * one kernel (with the residual ADD after it fused too) that matches the reference on the OpenCL
 * device (PoCL in CI), across windows, strides, padding, channel counts that leave partial slices
 * and tiles; pairs the template does not take stay two kernels, and by default only pairs expected
 * to run faster fused merge.
 */
class DepthwisePointwiseTest {
  /**
   * x [batch, h, w, channels] → DEPTHWISE (k×k, stride, multiplier, RELU6) → CONV_2D 1×1 to {@code
   * outC} channels (stride {@code pwStride}, RELU) → ADD of a second input; the depthwise output
   * also goes to the graph outputs when {@code alsoOutput}.
   */
  private static Graph block(
      int batch,
      int h,
      int w,
      int channels,
      int k,
      int stride,
      Padding padding,
      int multiplier,
      int outC,
      int pwStride,
      boolean alsoOutput) {
    GraphBuilder g = new GraphBuilder(h * 31L + k * 7L + channels);
    int x = g.input(batch, h, w, channels);
    int dw =
        g.op(
            "DEPTHWISE_CONV_2D",
            new DepthwiseConv2D(padding, stride, stride, 1, 1, Activation.RELU6),
            x,
            g.constant(0.5f, 1, k, k, channels * multiplier),
            g.constant(0.5f, channels * multiplier));
    int pw =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.SAME, pwStride, pwStride, 1, 1, Activation.RELU),
            dw,
            g.constant(0.1f, outC, 1, 1, channels * multiplier),
            g.constant(0.5f, outC));
    int dwH = padding == Padding.SAME ? (h + stride - 1) / stride : (h - k) / stride + 1;
    int dwW = padding == Padding.SAME ? (w + stride - 1) / stride : (w - k) / stride + 1;
    int outH = (dwH + pwStride - 1) / pwStride;
    int outW = (dwW + pwStride - 1) / pwStride;
    int sum = g.op("ADD", new Add(Activation.NONE), pw, g.input(batch, outH, outW, outC));
    return alsoOutput ? g.build(sum, dw) : g.build(sum);
  }

  private static Graph block(int h, int w, int channels, int k, int stride, Padding p, int outC) {
    return block(1, h, w, channels, k, stride, p, 1, outC, 1, false);
  }

  /** The standard passes, merging every pair the template takes (not only where faster). */
  private static final GpuPlanner.Options EVERY_PAIR =
      new GpuPlanner.Options(
          GraphPass.standard().stream()
              .map(
                  p ->
                      p instanceof FuseDepthwisePointwise
                          ? new FuseDepthwisePointwise(KernelBuffers.UNLIMITED, true)
                          : p)
              .toList(),
          Workgroups.defaultChooser());

  private static void assertMatchesReference(Graph graph, GpuPlan plan) {
    OpenClHarness.get().assertMatchesReference("depthwise + pointwise", graph, plan, 9);
  }

  @Test
  void aPairBecomesOneKernelMatchingTheReference() {
    for (Graph graph :
        List.of(
            // 40 output slices: three tiles of 14, 13, 13
            block(4, 4, 160, 3, 1, Padding.SAME, 160),
            block(5, 3, 160, 3, 1, Padding.VALID, 60),
            block(7, 6, 160, 3, 2, Padding.SAME, 60),
            // 5×5 window, channels leaving partial slices, many positions per workgroup
            block(9, 11, 22, 5, 1, Padding.SAME, 10),
            block(12, 10, 30, 5, 2, Padding.SAME, 7),
            // 150 output slices in ten tiles
            block(3, 3, 40, 3, 1, Padding.SAME, 600),
            // many positions: 16 x 16 with 2 output slices
            block(16, 16, 24, 3, 1, Padding.SAME, 8),
            // Staged split forms (few outputs, long reductions): 9 positions in three blocks (the
            // last one partial), 75 slice blocks in five workgroups of 16 (the last one partial)
            block(3, 3, 160, 3, 1, Padding.SAME, 600),
            // one block of 2 x 2 positions, a 5 x 5 window, 18 slices of which the last is partial
            block(2, 2, 288, 5, 1, Padding.SAME, 70),
            // a strided depthwise convolution into 16 output positions, 255 intermediate slices
            block(8, 7, 1020, 3, 2, Padding.SAME, 32),
            // batch 2: each batch's 75 slice blocks rounded up to 80 (five workgroups of 16)
            block(2, 3, 3, 160, 3, 1, Padding.SAME, 1, 600, 1, false))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), EVERY_PAIR);
      List<PlannedKernel> kernels = PlanKernels.ofOps(plan);
      assertEquals(1, kernels.size(), "DEPTHWISE, CONV_2D and ADD in one kernel: " + kernels);
      assertEquals(3, kernels.get(0).opIndices().size());
      assertTrue(kernels.get(0).source().name().contains("depthwise_conv_2d_pointwise"));
      assertMatchesReference(graph, plan);
    }
  }

  @Test
  void pairsTheTemplateDoesNotTakeStayTwoKernels() {
    for (Graph graph :
        List.of(
            // the depthwise output is also a graph output
            block(1, 4, 4, 16, 3, 1, Padding.SAME, 1, 8, 1, true),
            // depth multiplier 2
            block(1, 4, 4, 16, 3, 1, Padding.SAME, 2, 8, 1, false),
            // a strided pointwise convolution
            block(1, 6, 6, 16, 3, 1, Padding.SAME, 1, 8, 2, false),
            // the split form's stage would hold 4 positions x 1020 slices, over 16 KiB
            block(2, 3, 4080, 3, 1, Padding.SAME, 8))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), EVERY_PAIR);
      assertEquals(2, PlanKernels.ofOps(plan).size(), "depthwise, then pointwise + ADD");
      assertMatchesReference(graph, plan);
    }
  }

  @Test
  void aBufferLimitKeepsThePairApart() {
    Graph graph = block(4, 4, 160, 3, 1, Padding.SAME, 60);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), EVERY_PAIR.withMaxKernelBuffers(4));
    // The pair would bind 5 (input, depthwise weights and bias, pointwise weights, output).
    List<PlannedKernel> kernels = PlanKernels.ofOps(plan);
    assertEquals(2, kernels.size(), "depthwise, then pointwise + ADD: " + kernels);
    assertTrue(kernels.get(0).source().name().endsWith("_depthwise_conv_2d"));
    for (PlannedKernel k : kernels) {
      assertTrue(KernelBuffers.of(k.source()) <= 4, k.source().name());
    }
    assertMatchesReference(graph, plan);
  }

  @Test
  void byDefaultOnlyPairsWithShortSumsPerItemMerge() {
    // 128x128, 3x3, 8 -> 8 channels (pose_landmark_heavy's segmentation head): 256 tiles, 1 chunk.
    Graph many = block(128, 128, 8, 3, 1, Padding.SAME, 8);
    GpuPlan fused = GpuPlanner.plan(many, many.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(1, PlanKernels.ofOps(fused).size(), "merged by default");
    assertMatchesReference(many, fused);
    // 8x8, 5x5, 1632 -> 272 channels: a block's 4 x 408 depthwise slices do not fit the stage.
    Graph few = block(8, 8, 1632, 5, 1, Padding.SAME, 272);
    assertEquals(
        2, PlanKernels.ofOps(GpuPlanner.plan(few, few.nodes(), GpuPlanner.Options.DEFAULT)).size());
    // 16x16, 5x5, 960 -> 160 channels: staged, 8 depthwise values of 25 taps per item.
    Graph longSums = block(16, 16, 960, 5, 1, Padding.SAME, 160);
    assertEquals(
        2,
        PlanKernels.ofOps(GpuPlanner.plan(longSums, longSums.nodes(), GpuPlanner.Options.DEFAULT))
            .size());
    // 4x4, 3x3, 288 -> 288 channels: staged, 3 depthwise values of 9 taps per item. At 16
    // positions or fewer, 32 lanes (not the 16 that 72 slices of at least 4 each would give) for
    // each of 4 of the 36 slice blocks share one stage: 128 items, more workgroups.
    assertStagedInOneKernel(block(4, 4, 288, 3, 1, Padding.SAME, 288), new Grid(32, 1, 4));
    // 5x5 positions: 16 lanes for each of 8 slice blocks, as the plain split takes.
    assertStagedInOneKernel(block(5, 5, 288, 3, 1, Padding.SAME, 288), new Grid(16, 1, 8));
  }

  @Test
  void tiledPairsWithFewWorkgroupsMergeWhenMostlyPointwise() {
    // 16x16, 3x3, 48 -> 56 channels (face_detection_short_range's shapes): tiled, fewer than 100
    // workgroups, but the 1x1 has more outputs than the depthwise has channels.
    Graph wide = block(16, 16, 48, 3, 1, Padding.SAME, 56);
    GpuPlan fused = GpuPlanner.plan(wide, wide.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(1, PlanKernels.ofOps(fused).size(), "merged by default");
    PlannedKernel k = PlanKernels.ofOps(fused).get(0);
    long workgroups = 1;
    for (int d = 0; d < 3; d++) {
      workgroups *= (k.globalSize()[d] + k.localSize()[d] - 1) / k.localSize()[d];
    }
    assertTrue(workgroups < 100, workgroups + " workgroups: the rule's other branch");
    assertMatchesReference(wide, fused);
    // 56x56, 3x3, 64 -> 16 (hand_landmark_lite's): a quarter as many outputs as channels.
    Graph narrow = block(56, 56, 64, 3, 1, Padding.SAME, 16);
    assertEquals(
        2,
        PlanKernels.ofOps(GpuPlanner.plan(narrow, narrow.nodes(), GpuPlanner.Options.DEFAULT))
            .size());
  }

  private static void assertStagedInOneKernel(Graph graph, Grid workgroup) {
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(1, PlanKernels.ofOps(plan).size(), "merged by default");
    assertEquals(Optional.of(workgroup), PlanKernels.ofOps(plan).get(0).source().fixedWorkgroup());
    assertMatchesReference(graph, plan);
  }
}
