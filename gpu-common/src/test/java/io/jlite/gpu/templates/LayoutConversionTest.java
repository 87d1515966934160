package io.jlite.gpu.templates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.fusion.GraphPass;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.workgroup.Workgroups;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ops.Relu;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The device-side BHWC ⇄ PHWC4 conversions: a RELU between two converted boundary tensors must give
 * max(x, 0) of every input element in BHWC order, for channel counts that are and are not multiples
 * of 4 (where PHWC4 pads lanes and orders slices before positions), whether the RELU gathers its
 * input from the host's BHWC buffer (its only reader) or a kernel converts it first (two readers).
 */
class LayoutConversionTest {
  private static final GpuPlanner.Options CONVERT_ALL =
      new GpuPlanner.Options(GraphPass.standard(), Workgroups.defaultChooser(), 1, false);

  @ParameterizedTest
  @ValueSource(strings = {"1,5,7,3", "2,3,3,6", "1,2,9,13", "3,1,1,5", "1,6,6"})
  void reluBetweenConvertedTensorsIsElementwise(String dims) {
    int[] shape = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
    GraphBuilder g = new GraphBuilder(3);
    int in = g.input(shape);
    int out = g.op("RELU", new Relu(), in);
    Graph graph = g.build(out);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), CONVERT_ALL);
    assertEquals(2, plan.hostBuffers().size(), "input and output converted on the device");
    // The RELU alone touches both: it gathers the input from the host's BHWC buffer and writes
    // the output to the host's in BHWC order itself.
    assertEquals(1, plan.kernels().size(), "RELU alone");
    assertEveryOutputIsRelu(graph, plan, in);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,5,7,3", "2,3,3,6", "1,2,9,13", "3,1,1,5", "1,6,6"})
  void anInputTwoKernelsReadIsConvertedToPhwc4First(String dims) {
    int[] shape = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
    GraphBuilder g = new GraphBuilder(3);
    int in = g.input(shape);
    int first = g.op("RELU", new Relu(), in);
    int second = g.op("RELU", new Relu(), in);
    Graph graph = g.build(first, second);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), CONVERT_ALL);
    assertEquals(3, plan.kernels().size(), "to PHWC4, two RELUs");
    assertTrue(plan.kernels().get(0).source().name().endsWith("_to_phwc4"));
    assertEveryOutputIsRelu(graph, plan, in);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,5,7,3", "2,3,3,6", "1,2,9,13", "3,1,1,5", "1,6,6"})
  void anOutputAnotherKernelReadsIsConvertedToBhwcAfterItsWriter(String dims) {
    int[] shape = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
    GraphBuilder g = new GraphBuilder(3);
    int in = g.input(shape);
    int first = g.op("RELU", new Relu(), in);
    int second = g.op("RELU", new Relu(), first);
    Graph graph = g.build(first, second);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), CONVERT_ALL);
    assertEquals(3, plan.kernels().size(), "RELU, its output to BHWC, RELU");
    assertTrue(plan.kernels().get(1).source().name().endsWith("_to_bhwc"));
    assertEveryOutputIsRelu(graph, plan, in);
  }

  /** Runs {@code plan} on random input and checks that every output is max(x, 0) of input x. */
  private static void assertEveryOutputIsRelu(Graph graph, GpuPlan plan, int in) {
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(11), 3f);
    float[] x = inputs.get(in).floats();
    float[] want = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      want[i] = Math.max(x[i], 0f);
    }
    Map<Integer, float[]> got = OpenClHarness.get().run(plan, inputs, new OpenClGenerator());
    for (int out : graph.outputs()) {
      assertArrayEquals(want, got.get(out), 0f);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,5,7,4", "2,1,1,8"})
  void layoutsEqualToBhwcNeedNoConversionKernel(String dims) {
    int[] shape = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
    GraphBuilder g = new GraphBuilder(3);
    int out = g.op("RELU", new Relu(), g.input(shape));
    Graph graph = g.build(out);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), CONVERT_ALL);
    assertEquals(Map.of(), plan.hostBuffers());
    assertEquals(1, plan.kernels().size());
  }
}
