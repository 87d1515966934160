package io.jlite.gpu.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpCases;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every template's OpenCL C compiles and computes what the reference computes: each case is planned
 * with and without fusion, run on the OpenCL device (PoCL in CI), and compared elementwise with the
 * reference interpreter. Both inlined and buffer constants are exercised.
 */
class TemplatesOnOpenClTest {
  @TestFactory
  Stream<DynamicTest> templatesMatchTheReference() {
    List<DynamicTest> tests = new ArrayList<>();
    for (OpCases.Variant v : OpCases.variants()) {
      tests.add(
          DynamicTest.dynamicTest(
              v.name(), () -> check(v.graph(), v.options(), new OpenClGenerator(v.inlineLimit()))));
    }
    return tests.stream();
  }

  private static void check(Graph graph, GpuPlanner.Options options, OpenClGenerator generator) {
    OpenClHarness cl = OpenClHarness.get();
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(7), 4f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), options);
    Map<Integer, float[]> actual = cl.run(plan, inputs, generator);
    for (int t : graph.outputs()) {
      float[] want = expected.get(t).floats();
      float[] got = actual.get(t);
      assertEquals(want.length, got.length, "length of tensor " + t);
      for (int i = 0; i < want.length; i++) {
        float tolerance = 1e-5f + 1e-4f * Math.abs(want[i]);
        assertTrue(
            Math.abs(want[i] - got[i]) <= tolerance,
            "tensor " + t + " element " + i + ": reference " + want[i] + ", OpenCL " + got[i]);
      }
    }
  }
}
