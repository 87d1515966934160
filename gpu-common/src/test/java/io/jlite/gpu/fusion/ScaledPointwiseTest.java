package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.testing.PlanKernels;
import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Mul;
import io.jlite.ops.Padding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FuseScaledPointwise}: the scale step of a squeeze-and-excitation block (a MUL by a [b, 1,
 * 1, c] vector) read only by a 1×1 convolution becomes one kernel with it (and the ADD after it)
 * that matches the reference on the OpenCL device (PoCL in CI), in both 1×1 forms, with partial
 * slices, two batches and either operand order; other MULs stay kernels of their own.
 */
class ScaledPointwiseTest {
  /**
   * x [batch, h, w, channels] times a second input of shape {@code scaleShape} (in the order {@code
   * scaleFirst} says) → CONV_2D 1×1 to {@code outC} (stride {@code stride}, RELU) → ADD of a third
   * input; the MUL's output also goes to the graph outputs when {@code alsoOutput}.
   */
  private static Graph block(
      int batch,
      int h,
      int w,
      int channels,
      int[] scaleShape,
      boolean scaleFirst,
      int outC,
      int stride,
      boolean alsoOutput) {
    GraphBuilder g = new GraphBuilder(h * 31L + channels * 7L + outC);
    int x = g.input(batch, h, w, channels);
    int scale = g.input(scaleShape);
    int mul =
        scaleFirst
            ? g.op("MUL", new Mul(Activation.NONE), scale, x)
            : g.op("MUL", new Mul(Activation.NONE), x, scale);
    int pw =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.SAME, stride, stride, 1, 1, Activation.RELU),
            mul,
            g.constant(0.1f, outC, 1, 1, channels),
            g.constant(0.5f, outC));
    int outH = (h + stride - 1) / stride;
    int outW = (w + stride - 1) / stride;
    int sum = g.op("ADD", new Add(Activation.NONE), pw, g.input(batch, outH, outW, outC));
    return alsoOutput ? g.build(sum, mul) : g.build(sum);
  }

  private static Graph block(int batch, int h, int w, int channels, int outC, boolean first) {
    return block(batch, h, w, channels, new int[] {batch, 1, 1, channels}, first, outC, 1, false);
  }

  private static void assertMatchesReference(Graph graph, GpuPlan plan) {
    OpenClHarness.get().assertMatchesReference("scaled pointwise", graph, plan, 5);
  }

  @Test
  void theScaleStepBecomesPartOfThePointwiseKernel() {
    List<String> forms = new ArrayList<>();
    for (Graph graph :
        List.of(
            // selfie_segmentation's shapes: 16 x 16 x 96 -> 32, and 64 x 64 x 16 -> 16
            block(1, 16, 16, 96, 32, false),
            block(1, 64, 64, 16, 16, false),
            // few positions, a long reduction: the blocked split form
            block(1, 2, 2, 160, 600, false),
            // partial slices in and out, the scale as the MUL's first operand
            block(1, 9, 7, 22, 10, true),
            // two batches, each with its own scale
            block(2, 5, 5, 40, 12, false),
            block(2, 2, 3, 160, 600, true))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      List<PlannedKernel> kernels = PlanKernels.ofOps(plan);
      assertEquals(1, kernels.size(), "MUL, CONV_2D and ADD in one kernel: " + kernels);
      assertEquals(3, kernels.get(0).opIndices().size());
      assertTrue(kernels.get(0).source().name().contains("mul_pointwise"));
      forms.add(kernels.get(0).source().body().contains("xin") ? "tiled" : "blocked");
      assertMatchesReference(graph, plan);
    }
    assertTrue(forms.contains("tiled") && forms.contains("blocked"), forms.toString());
  }

  @Test
  void otherMulsStayKernelsOfTheirOwn() {
    for (Graph graph :
        List.of(
            // the scaled tensor is also a graph output
            block(1, 4, 4, 16, new int[] {1, 1, 1, 16}, false, 8, 1, true),
            // an elementwise MUL, not by a per-channel vector
            block(1, 4, 4, 16, new int[] {1, 4, 4, 16}, false, 8, 1, false),
            // a strided convolution reads the scaled tensor
            block(1, 6, 6, 16, new int[] {1, 1, 1, 16}, false, 8, 2, false))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      assertEquals(
          2, PlanKernels.ofOps(plan).size(), "MUL, then CONV_2D + ADD: " + PlanKernels.ofOps(plan));
      assertMatchesReference(graph, plan);
    }
  }
}
