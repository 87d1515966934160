package io.jlite.gpu.fusion;

import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.testing.RandomGraphs;
import io.jlite.gpu.testing.ReferenceComparison;
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
 * The fused kernels compute what the unfused ops compute: random graphs ({@link RandomGraphs}:
 * elementwise chains after convolutions, elementwise ops, pooling, resize and concatenation) are
 * planned with every pass, run on the OpenCL device (PoCL in CI) and compared with the reference
 * interpreter by the backends' fp32 rule ({@link ReferenceComparison}). {@link PassEquivalenceTest}
 * checks the rewritten graphs on the reference; this checks the epilogues the templates generate
 * for them. Fixed seeds, so a failure names a graph that reproduces.
 */
class FusedGraphsOnOpenClTest {
  private static final int GRAPHS = 24;

  @TestFactory
  Stream<DynamicTest> fusedRandomGraphsMatchTheReference() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int seed = 1; seed <= GRAPHS; seed++) {
      long s = seed;
      int length = 2 + seed % 11;
      tests.add(
          DynamicTest.dynamicTest(
              "seed " + s + ", " + length + " ops", () -> check(RandomGraphs.generate(s, length))));
    }
    return tests.stream();
  }

  private static void check(Graph graph) {
    OpenClHarness cl = OpenClHarness.get();
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(3), 2f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    Map<Integer, float[]> actual = cl.run(plan, inputs, new OpenClGenerator());
    for (int t : graph.outputs()) {
      NdArray want = expected.get(t);
      ReferenceComparison.assertMatchesReference(
          "random graph", t, want, NdArray.of(want.shape(), actual.get(t)));
    }
  }
}
