package io.jlite.gpu.templates;

import static io.jlite.gpu.testing.GraphBuilder.operand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.testing.PlanKernels;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ops.Activation;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.Conv2D;
import io.jlite.ops.FullyConnected;
import io.jlite.ops.Padding;
import io.jlite.ops.Pool2D;
import io.jlite.ops.Reduce;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Ops with few output slices and long reductions run as {@link SplitReduction} kernels (a workgroup
 * shares each output slice): each case must take that form and match the reference on the OpenCL
 * device (PoCL in CI), padding, dilation, strides, batches and activations included.
 */
class SplitReductionTest {
  static Map<String, Graph> cases() {
    Map<String, Function<GraphBuilder, Integer>> c = new LinkedHashMap<>();
    c.put(
        "CONV_2D 1x1, 160 input channels",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.VALID, 1, 1, 1, 1, Activation.RELU6),
                g.input(1, 3, 3, 160),
                g.constant(0.2f, 20, 1, 1, 160),
                g.constant(1f, 20)));
    c.put(
        "CONV_2D 1x1 stride 2, 2 batches, 150 -> 22 channels (blocked, partial blocks)",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.VALID, 2, 2, 1, 1, Activation.RELU),
                g.input(2, 7, 5, 150),
                g.constant(0.2f, 22, 1, 1, 150),
                g.constant(0.5f, 22)));
    c.put(
        "CONV_2D 1x1 at 2x2, 288 -> 30 channels (blocked, 4 positions x 4 slices)",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.NONE),
                g.input(1, 2, 2, 288),
                g.constant(0.1f, 30, 1, 1, 288),
                g.constant(1f, 30)));
    c.put(
        "CONV_2D 1x1 at 3x3, 1040 -> 24 channels (blocked, 64 lanes)",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.NONE),
                g.input(1, 3, 3, 1040),
                g.constant(0.05f, 24, 1, 1, 1040),
                g.constant(1f, 24)));
    c.put(
        "CONV_2D 3x3 stride 2 same, 2 batches",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.SAME, 2, 2, 1, 1, Activation.NONE),
                g.input(2, 5, 6, 22),
                g.constant(0.3f, 7, 3, 3, 22),
                g.constant(1f, 7)));
    c.put(
        "CONV_2D 3x3 dilated valid",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.VALID, 1, 1, 2, 2, Activation.TANH),
                g.input(1, 6, 6, 16),
                g.constant(0.3f, 5, 3, 3, 16),
                g.constant(1f, 5)));
    c.put(
        "FULLY_CONNECTED depth 300",
        g ->
            g.op(
                "FULLY_CONNECTED",
                new FullyConnected(false, Activation.RELU),
                g.input(2, 300),
                g.constant(0.1f, 10, 300),
                g.constant(1f, 10)));
    c.put(
        "MEAN over H and W, dims dropped",
        g ->
            g.op(
                "MEAN",
                new Reduce(Reduce.Kind.MEAN, operand(1, 1, 2), false),
                g.input(2, 9, 7, 10),
                g.ints(new int[] {1, 2}, 2)));
    c.put(
        "AVERAGE_POOL_2D over the whole input",
        g ->
            g.op(
                "AVERAGE_POOL_2D",
                new AveragePool2D(new Pool2D(Padding.VALID, 1, 1, 16, 12, Activation.RELU)),
                g.input(1, 16, 12, 9)));
    Map<String, Graph> graphs = new LinkedHashMap<>();
    c.forEach(
        (name, build) -> {
          GraphBuilder g = new GraphBuilder(name.hashCode());
          graphs.put(name, g.build(build.apply(g)));
        });
    return graphs;
  }

  @TestFactory
  Stream<DynamicTest> splitKernelsMatchTheReference() {
    return cases().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getValue())));
  }

  private static void check(Graph graph) {
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED);
    // The op's kernel (large inputs are converted to PHWC4 by a kernel of their own first).
    PlannedKernel k = PlanKernels.ofOps(plan).get(0);
    Optional<Grid> fixed = k.source().fixedWorkgroup();
    assertTrue(fixed.isPresent(), "split form chosen");
    assertEquals(fixed.get(), k.workgroup(), "the planner keeps the fixed workgroup");
    assertEquals(k.source().grid().x(), fixed.get().x(), "one workgroup per output slice");

    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(5), 2f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    Map<Integer, float[]> actual = OpenClHarness.get().run(plan, inputs, new OpenClGenerator());
    int out = graph.outputs().get(0);
    float[] want = expected.get(out).floats();
    float[] got = actual.get(out);
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      float tolerance = 1e-5f + 1e-5f * Math.abs(want[i]);
      assertTrue(
          Math.abs(want[i] - got[i]) <= tolerance,
          "element " + i + ": reference " + want[i] + ", OpenCL " + got[i]);
    }
  }

  @Test
  void unpaddedPointwiseConvolutionsComputeBlocksOfOutputs() {
    Graph graph = cases().get("CONV_2D 1x1, 160 input channels");
    PlannedKernel k =
        GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED).kernels().get(0);
    // 40 input slices, 4+ each: 8 lanes; 3x3 positions in blocks of 4 and 5 output slices in
    // blocks of 2 (8 outputs per group): 3 x 3 workgroups.
    assertEquals(new Grid(8, 3, 3), k.source().grid());
  }

  @Test
  void longPointwiseReductionsTakeTwoWarpsOfLanesOtherSplitsOne() {
    // 1040 channels: 260 input slices, 4 each for 65 lanes at most: 64 (a power of two).
    Graph conv = cases().get("CONV_2D 1x1 at 3x3, 1040 -> 24 channels (blocked, 64 lanes)");
    assertEquals(
        64,
        GpuPlanner.plan(conv, conv.nodes(), GpuPlanner.Options.UNFUSED)
            .kernels()
            .get(0)
            .workgroup()
            .x());
    // A fully connected layer of depth 300 (terms of 4 for 75 lanes): split forms other than the
    // blocked 1x1 one keep to a warp, 32.
    Graph fc = cases().get("FULLY_CONNECTED depth 300");
    assertEquals(
        32,
        PlanKernels.ofOps(GpuPlanner.plan(fc, fc.nodes(), GpuPlanner.Options.UNFUSED))
            .get(0)
            .workgroup()
            .x());
  }

  @Test
  void shortReductionsOrManyOutputsKeepOneItemPerSlice() {
    assertEquals(
        Optional.empty(),
        SplitReduction.lanes(new io.jlite.gpu.layout.Phwc4Layout(1, 4, 4, 8), 31));
    assertEquals(
        Optional.empty(),
        SplitReduction.lanes(new io.jlite.gpu.layout.Phwc4Layout(1, 128, 128, 16), 1000));
    assertEquals(
        Optional.of(8), SplitReduction.lanes(new io.jlite.gpu.layout.Phwc4Layout(1, 4, 4, 8), 32));
    assertEquals(
        Optional.of(32),
        SplitReduction.lanes(new io.jlite.gpu.layout.Phwc4Layout(1, 4, 4, 8), 5000));
  }
}
