package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Padding;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FuseDepthwisePointwise}: a 3×3 depthwise convolution read only by a 1×1 convolution at low
 * resolution becomes one kernel (with the residual ADD after it fused too) that matches the
 * reference on the OpenCL device (PoCL in CI); pairs the template does not take stay two kernels.
 */
class DepthwisePointwiseTest {
  /**
   * x [1, h, w, 160] → DEPTHWISE (window k×k, stride, RELU6) → CONV_2D 1×1 to 60 channels (RELU) →
   * ADD of a second input; the depthwise output also goes to the graph outputs when {@code
   * alsoOutput}.
   */
  private static Graph block(int h, int w, int k, int stride, Padding padding, boolean alsoOutput) {
    GraphBuilder g = new GraphBuilder(h * 31L + k);
    int x = g.input(1, h, w, 160);
    int dw =
        g.op(
            "DEPTHWISE_CONV_2D",
            new DepthwiseConv2D(padding, stride, stride, 1, 1, Activation.RELU6),
            x,
            g.constant(0.5f, 1, k, k, 160),
            g.constant(0.5f, 160));
    int pw =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU),
            dw,
            g.constant(0.1f, 60, 1, 1, 160),
            g.constant(0.5f, 60));
    int outH = padding == Padding.SAME ? (h + stride - 1) / stride : (h - k) / stride + 1;
    int outW = padding == Padding.SAME ? (w + stride - 1) / stride : (w - k) / stride + 1;
    int sum = g.op("ADD", new Add(Activation.NONE), pw, g.input(1, outH, outW, 60));
    return alsoOutput ? g.build(sum, dw) : g.build(sum);
  }

  private static List<PlannedKernel> opKernels(GpuPlan plan) {
    return plan.kernels().stream().filter(k -> !k.opIndices().isEmpty()).toList();
  }

  private static void assertMatchesReference(Graph graph, GpuPlan plan) {
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(9), 2f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    Map<Integer, float[]> actual = OpenClHarness.get().run(plan, inputs, new OpenClGenerator());
    for (int t : graph.outputs()) {
      NdArray want = expected.get(t);
      ReferenceComparison.assertMatchesReference(
          "depthwise + pointwise", t, want, NdArray.of(want.shape(), actual.get(t)));
    }
  }

  @Test
  void aLowResolutionPairBecomesOneKernelMatchingTheReference() {
    for (Graph graph :
        List.of(
            block(4, 4, 3, 1, Padding.SAME, false),
            block(5, 3, 3, 1, Padding.VALID, false),
            block(7, 6, 3, 2, Padding.SAME, false))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      List<PlannedKernel> kernels = opKernels(plan);
      assertEquals(1, kernels.size(), "DEPTHWISE, CONV_2D and ADD in one kernel: " + kernels);
      assertEquals(3, kernels.get(0).opIndices().size());
      assertTrue(kernels.get(0).source().name().contains("depthwise_conv_2d_pointwise"));
      assertMatchesReference(graph, plan);
    }
  }

  @Test
  void pairsTheTemplateDoesNotTakeStayTwoKernels() {
    // A 5x5 window (too much recomputation), and a depthwise output the graph also returns.
    for (Graph graph :
        List.of(block(4, 4, 5, 1, Padding.SAME, false), block(4, 4, 3, 1, Padding.SAME, true))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      assertEquals(2, opKernels(plan).size(), "depthwise, then pointwise + ADD");
      assertMatchesReference(graph, plan);
    }
  }
}
