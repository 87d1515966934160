package io.jlite.gpu.plan;

import static io.jlite.gpu.testing.GraphBuilder.operand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.testing.PlanKernels;
import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Concatenation;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Padding;
import io.jlite.ops.Relu;
import io.jlite.ops.Reshape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A large input that one kernel alone reads, only through {@code $READ}, is gathered by that kernel
 * from the host's BHWC buffer, and a large output that one kernel alone touches is written by it to
 * the host's buffer in BHWC order, with no conversion kernel before or after; otherwise the input
 * is still converted to PHWC4 first. Both match the reference on the OpenCL device (PoCL in CI).
 */
class BoundaryInHostOrderTest {
  /** [batch, h, w, channels] → CONV_2D 3×3 stride 2 (MediaPipe's first layer) → RELU. */
  private static Graph firstLayer(int batch, int h, int w, int channels) {
    GraphBuilder g = new GraphBuilder(h * 17L + channels);
    int conv = firstConv(g, g.input(batch, h, w, channels), channels, Activation.NONE);
    return g.build(g.op("RELU", new Relu(), conv));
  }

  /** CONV_2D 3×3 stride 2 from {@code channels} to 8 channels, fused {@code activation}. */
  private static int firstConv(GraphBuilder g, int x, int channels, Activation activation) {
    return conv(g, x, channels, 8, 3, 2, activation);
  }

  /** CONV_2D k×k (SAME) from {@code in} to {@code out} channels. */
  private static int conv(
      GraphBuilder g, int x, int in, int out, int k, int stride, Activation activation) {
    return g.op(
        "CONV_2D",
        new Conv2D(Padding.SAME, stride, stride, 1, 1, activation),
        x,
        g.constant(0.3f, out, k, k, in),
        g.constant(0.2f, out));
  }

  private static List<String> names(GpuPlan plan) {
    return plan.kernels().stream().map(k -> k.source().name()).toList();
  }

  private static void assertMatchesReference(Graph graph, GpuPlan plan) {
    OpenClHarness.get().assertMatchesReference("boundary in host order", graph, plan, 3);
  }

  @Test
  void theOnlyReaderGathersFromTheHostBuffer() {
    for (Graph graph :
        List.of(
            // an image (3 channels: one partial slice), 2 batches with 5 channels (a full slice
            // and a partial one)
            firstLayer(1, 64, 48, 3), firstLayer(2, 32, 40, 5))) {
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      int input = graph.inputs().get(0);
      // The convolution with its RELU, and nothing else: no conversion before or after.
      assertEquals(1, plan.kernels().size(), names(plan).toString());
      int output = graph.outputs().get(0);
      assertTrue(
          plan.kernels().get(0).source().output().tensor() == plan.hostSide(output),
          "the convolution writes the output's host buffer");
      boolean readsHostBuffer = false;
      for (KernelArg a : plan.kernels().get(0).source().args()) {
        readsHostBuffer |= a instanceof TensorArg t && t.tensor() == plan.hostSide(input);
      }
      assertTrue(readsHostBuffer, "the convolution reads the host buffer");
      assertTrue(plan.hostSide(input) != plan.storage(input), "the host writes BHWC order");
      assertMatchesReference(graph, plan);
    }
  }

  @Test
  void anInputReadByTwoKernelsIsConvertedFirst() {
    GraphBuilder g = new GraphBuilder(7);
    int x = g.input(1, 64, 48, 3);
    int conv = conv(g, x, 3, 3, 3, 1, Activation.NONE);
    Graph graph = g.build(g.op("ADD", new Add(Activation.NONE), conv, x));
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    assertTrue(names(plan).get(0).endsWith("_to_phwc4"), names(plan).toString());
    assertMatchesReference(graph, plan);
  }

  /**
   * A [1, 96, 80, 3] image → CONV_2D 3×3 stride 2 to 8 channels, RELU → RESHAPE to [1, 1920, 8] (a
   * buffer alias that keeps BHWC order) as the graph output; the convolution's own output too when
   * {@code alsoDirect}.
   */
  private static Graph reshapedOutput(boolean alsoDirect) {
    GraphBuilder g = new GraphBuilder(5);
    int conv = firstConv(g, g.input(1, 96, 80, 3), 3, Activation.RELU);
    int view = g.op("RESHAPE", new Reshape(operand(-1, 1, 48 * 40, 8)), conv);
    return alsoDirect ? g.build(view, conv) : g.build(view);
  }

  @Test
  void anOutputViewedThroughAReshapeIsWrittenToTheHostBufferByItsWriter() {
    Graph graph = reshapedOutput(false);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    int output = graph.outputs().get(0);
    assertEquals(1, plan.kernels().size(), "no conversion after the convolution: " + names(plan));
    assertEquals(plan.hostSide(output), plan.kernels().get(0).source().output().tensor());
    assertMatchesReference(graph, plan);
  }

  @Test
  void aViewedTensorThatIsAnOutputItselfKeepsItsConversions() {
    Graph graph = reshapedOutput(true);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(
        2,
        names(plan).stream().filter(n -> n.endsWith("_to_bhwc")).count(),
        names(plan).toString());
    assertMatchesReference(graph, plan);
  }

  /**
   * A face detector's head: an [1, h, h, 16] input → three convolutions (1×1 to 8 channels, 3×3
   * stride 2 to 12, 1×1 to 4), each RESHAPEd to [1, n, 4] (the first two move channels, so they are
   * kernels; the third is a buffer alias) → CONCATENATION along axis 1 as the output; the first
   * reshape's output is also a graph output when {@code alsoOutput}.
   */
  private static Graph concatenatedHeads(int h, boolean alsoOutput) {
    GraphBuilder g = new GraphBuilder(h * 3L + 1);
    int x = g.input(1, h, h, 16);
    int a = conv(g, x, 16, 8, 1, 1, Activation.NONE);
    int b = conv(g, x, 16, 12, 3, 2, Activation.NONE);
    int c = conv(g, x, 16, 4, 1, 1, Activation.RELU);
    int half = h / 2;
    int ra = g.op("RESHAPE", new Reshape(operand(-1, 1, h * h * 2, 4)), a);
    int rb = g.op("RESHAPE", new Reshape(operand(-1, 1, half * half * 3, 4)), b);
    int rc = g.op("RESHAPE", new Reshape(operand(-1, 1, h * h, 4)), c);
    int joined = g.op("CONCATENATION", new Concatenation(1, Activation.NONE), ra, rb, rc);
    return alsoOutput ? g.build(joined, ra) : g.build(joined);
  }

  @Test
  void aConcatenationOfReshapedOutputsIsWrittenInPlaceByTheirWriters() {
    // 8×8: an output small enough to be converted on the host otherwise; 32×32: on the device.
    for (int h : new int[] {8, 32}) {
      Graph graph = concatenatedHeads(h, false);
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      // The three convolutions (at 32×32 after the input's conversion, which three kernels read).
      List<PlannedKernel> ops = PlanKernels.ofOps(plan);
      assertEquals(3, ops.size(), names(plan).toString());
      int output = graph.outputs().get(0);
      for (PlannedKernel k : ops) {
        assertEquals(plan.hostSide(output), k.source().output().tensor(), k.source().name());
      }
      assertMatchesReference(graph, plan);
    }
  }

  @Test
  void aBlockSomethingElseReadsKeepsTheConcatenation() {
    Graph graph = concatenatedHeads(8, true);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    assertTrue(
        names(plan).stream().anyMatch(n -> n.contains("concatenation")), names(plan).toString());
    assertMatchesReference(graph, plan);
  }
}
