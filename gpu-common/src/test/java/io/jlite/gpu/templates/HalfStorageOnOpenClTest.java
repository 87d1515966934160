package io.jlite.gpu.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpCases;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ops.Activation;
import io.jlite.ops.Logistic;
import io.jlite.ops.Sub;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every template with tensors stored as 16-bit floats (FP16 precision) on the OpenCL device: the
 * kernels must read and write halves ({@code vload_half4}/{@code vstore_half4}) and stay within the
 * fp16 bound of the reference: {@value #RELATIVE} of the output's scale (max(1, max |reference|)),
 * a few roundings to an 11-bit significand (4.9e-4 each) for the input, the output and the values
 * in between.
 */
class HalfStorageOnOpenClTest {
  static final double RELATIVE = 4e-3;

  @TestFactory
  Stream<DynamicTest> halfStorageStaysWithinTheFp16Bound() {
    return OpCases.all().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getValue())));
  }

  private static void check(Graph graph) {
    // All passes on the case itself; then, unfused, the case followed by an ADD of 0, so that the
    // op's own kernel writes halves (a partition's outputs keep 32 bits).
    check(
        graph,
        GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT.withHalfStorage(true)));
    Graph extended = GraphBuilder.withTrailingAdd(graph);
    GpuPlan unfused =
        GpuPlanner.plan(
            extended, extended.nodes(), GpuPlanner.Options.UNFUSED.withHalfStorage(true));
    OpenClGenerator generator = new OpenClGenerator();
    boolean half = false;
    for (PlannedKernel k : unfused.kernels()) {
      if (k.opIndices().stream().anyMatch(i -> i < graph.nodes().size())) {
        String source = generator.lower(k.source(), k.workgroup(), unfused::halfStorage).source();
        half |= source.contains("vstore_half");
      }
    }
    assertTrue(half, "the case's kernels store halves");
    check(extended, unfused);
  }

  private static void check(Graph graph, GpuPlan plan) {
    OpenClGenerator generator = new OpenClGenerator();
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(7), 4f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    Map<Integer, float[]> actual = OpenClHarness.get().run(plan, inputs, generator);
    for (int t : graph.outputs()) {
      float[] want = expected.get(t).floats();
      float[] got = actual.get(t);
      assertEquals(want.length, got.length, "length of tensor " + t);
      double scale = 1;
      for (float w : want) {
        scale = Math.max(scale, Math.abs(w));
      }
      for (int i = 0; i < want.length; i++) {
        assertTrue(
            Math.abs(want[i] - got[i]) <= RELATIVE * scale,
            "tensor " + t + " element " + i + ": reference " + want[i] + ", fp16 " + got[i]);
      }
    }
  }

  /** A partition's outputs are not rounded to halves: a probability of about 1e-11 survives. */
  @Test
  void outputsKeep32Bits() {
    GraphBuilder g = new GraphBuilder(5);
    int x = g.input(1, 4, 4, 8);
    int shifted = g.op("SUB", new Sub(Activation.NONE), x, g.constant(new float[] {25f}, 1));
    Graph graph = g.build(g.op("LOGISTIC", new Logistic(), shifted));
    GpuPlan plan =
        GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED.withHalfStorage(true));
    assertTrue(plan.halfStorage(shifted), "the intermediate is stored as halves");
    assertFalse(plan.halfStorage(graph.outputs().get(0)), "the output is not");
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(3), 1f);
    float[] want = GraphBuilder.reference(graph, inputs).get(graph.outputs().get(0)).floats();
    float[] got =
        OpenClHarness.get().run(plan, inputs, new OpenClGenerator()).get(graph.outputs().get(0));
    for (int i = 0; i < want.length; i++) {
      // e^(x - 25) with x - 25 rounded to a half (step 2^-6 near 25): within 1.2%, never 0.
      assertTrue(
          Math.abs(got[i] - want[i]) <= 0.012 * want[i],
          "element " + i + ": reference " + want[i] + ", fp16 " + got[i]);
    }
  }
}
