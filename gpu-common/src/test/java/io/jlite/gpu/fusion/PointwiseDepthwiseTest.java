package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/**
 * {@link FusePointwiseDepthwise}: a 1×1 convolution read only by a depthwise convolution becomes
 * one kernel (with the ADD after it fused too) that matches the reference on the OpenCL device
 * (PoCL in CI), across windows, strides, padding, batches, and channel and position counts that
 * leave partial slices and split the input slices between 1 to 32 items per position; pairs the
 * template does not take stay two kernels.
 */
class PointwiseDepthwiseTest {
  /**
   * x [batch, h, w, inC] → CONV_2D {@code pwK}×{@code pwK} to {@code midC} channels (RELU6) →
   * DEPTHWISE (k×k, stride, multiplier, RELU) → ADD of a second input.
   */
  private static Graph block(
      int batch,
      int h,
      int w,
      int inC,
      int pwK,
      int midC,
      int k,
      int stride,
      Padding padding,
      int multiplier) {
    GraphBuilder g = new GraphBuilder(h * 37L + k * 5L + inC + midC);
    int x = g.input(batch, h, w, inC);
    int pw =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU6),
            x,
            g.constant(0.1f, midC, pwK, pwK, inC),
            g.constant(0.5f, midC));
    int dw =
        g.op(
            "DEPTHWISE_CONV_2D",
            new DepthwiseConv2D(padding, stride, stride, multiplier, 1, Activation.RELU),
            pw,
            g.constant(0.5f, 1, k, k, midC * multiplier),
            g.constant(0.5f, midC * multiplier));
    int outH = padding == Padding.SAME ? (h + stride - 1) / stride : (h - k) / stride + 1;
    int outW = padding == Padding.SAME ? (w + stride - 1) / stride : (w - k) / stride + 1;
    int sum =
        g.op("ADD", new Add(Activation.NONE), dw, g.input(batch, outH, outW, midC * multiplier));
    return g.build(sum);
  }

  private static Graph block(int h, int w, int inC, int midC, int k, int stride, Padding p) {
    return block(1, h, w, inC, 1, midC, k, stride, p, 1);
  }

  private static void assertMatchesReference(Graph graph, GpuPlan plan) {
    OpenClHarness.get().assertMatchesReference("pointwise + depthwise", graph, plan, 5);
  }

  @Test
  void aPairBecomesOneKernelMatchingTheReference() {
    for (Graph graph :
        List.of(
            // 64 positions: two items per position split 6 input slices
            block(8, 8, 24, 40, 5, 1, Padding.SAME),
            // 256 positions, two per item, one item each; stride 2
            block(16, 16, 8, 12, 3, 2, Padding.SAME),
            // 15 positions and 10 input slices: 8 items per position; partial middle slice
            block(3, 5, 40, 10, 3, 1, Padding.VALID),
            // 4 positions, 72 input slices: 32 items per position
            block(2, 2, 288, 16, 3, 1, Padding.SAME),
            // 240 input slices: the 1x1 weights do not fit shared memory, read where summed
            block(2, 2, 960, 8, 3, 1, Padding.SAME),
            // odd sizes, a 5x5 window wider than the image, stride 2
            block(7, 5, 13, 22, 5, 2, Padding.SAME),
            // two batches: one workgroup per batch and slice
            block(2, 4, 4, 6, 1, 7, 3, 1, Padding.SAME, 1))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      List<PlannedKernel> kernels = PlanKernels.ofOps(plan);
      assertEquals(1, kernels.size(), "CONV_2D, DEPTHWISE and ADD in one kernel: " + kernels);
      assertEquals(3, kernels.get(0).opIndices().size());
      assertTrue(kernels.get(0).source().name().contains("conv_2d_depthwise"));
      assertMatchesReference(graph, plan);
    }
  }

  @Test
  void theWorkgroupsWeightsAreStagedInSharedMemoryWhereTheyFit() {
    // 64 positions, two items each (128 partial sums, 64 expanded values) and 4 * 6 weight vec4s.
    Graph fits = block(8, 8, 24, 40, 5, 1, Padding.SAME);
    // 4 positions, 32 items each: 128 + 4 + 4 * 240 vec4s are more than 16 KiB.
    Graph tooMany = block(2, 2, 960, 8, 3, 1, Padding.SAME);
    String staged = "$CONST(weights, wb + e)";
    assertTrue(body(fits).contains(staged), body(fits));
    assertTrue(body(fits).contains("$SHARED(partial, 216)"), body(fits));
    assertTrue(!body(tooMany).contains(staged), body(tooMany));
  }

  private static String body(Graph graph) {
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    return PlanKernels.ofOps(plan).get(0).source().body();
  }

  @Test
  void pairsTheTemplateDoesNotTakeStayTwoKernels() {
    for (Graph graph :
        List.of(
            // 272 positions: more than a workgroup holds
            block(17, 16, 8, 8, 3, 1, Padding.SAME),
            // a 3x3 first convolution
            block(1, 6, 6, 8, 3, 8, 3, 1, Padding.SAME, 1),
            // depth multiplier 2
            block(1, 6, 6, 8, 1, 8, 3, 1, Padding.SAME, 2))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      assertEquals(2, PlanKernels.ofOps(plan).size(), "pointwise, then depthwise + ADD");
      assertMatchesReference(graph, plan);
    }
  }

  @Test
  void byDefaultOnlyPairsWithShortSumsPerItemMerge() {
    // 16x16 positions over 40 input slices: 80 slices summed per item, slower than two kernels.
    Graph long16 = block(16, 16, 160, 8, 5, 1, Padding.SAME);
    GpuPlan apart = GpuPlanner.plan(long16, long16.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(2, PlanKernels.ofOps(apart).size(), "pointwise, then depthwise + ADD");
    GpuPlanner.Options everyPair =
        new GpuPlanner.Options(
            GraphPass.standard().stream()
                .map(
                    p ->
                        p instanceof FusePointwiseDepthwise
                            ? new FusePointwiseDepthwise(KernelBuffers.UNLIMITED, true)
                            : p)
                .toList(),
            Workgroups.defaultChooser());
    GpuPlan merged = GpuPlanner.plan(long16, long16.nodes(), everyPair);
    assertEquals(1, PlanKernels.ofOps(merged).size(), "the template takes it when asked");
    assertMatchesReference(long16, merged);
    // 8x8 positions over 68 input slices, two items per position: 34 per item.
    Graph short8 = block(8, 8, 272, 8, 5, 1, Padding.SAME);
    GpuPlan fused = GpuPlanner.plan(short8, short8.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(1, PlanKernels.ofOps(fused).size(), "merged by default");
    assertMatchesReference(short8, fused);
  }
}
