package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.RandomGraphs;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every pass keeps a random graph's results equal to the reference's: bit for bit where a pass only
 * regroups the same ops, within float rounding where {@link FoldAffineIntoWeights} scales weights
 * instead of sums (10 ulps of the output's largest magnitude, at least 1).
 */
class PassEquivalenceTest {
  @Property(tries = 150)
  void everyPassKeepsTheResults(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int length) {
    Graph graph = RandomGraphs.generate(seed, length);
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(seed), 3f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    Graph all = graph;
    for (GraphPass pass : GraphPass.standard()) {
      Graph one = pass.apply(graph);
      assertSame(expected, GraphBuilder.reference(one, inputs), pass.getClass().getSimpleName());
      all = pass.apply(all);
      assertTrue(all.nodes().size() <= graph.nodes().size());
    }
    assertSame(expected, GraphBuilder.reference(all, inputs), "all passes");
  }

  /** Asserts equal outputs within 10 ulps of each output's largest magnitude (at least 1). */
  static void assertSame(
      Map<Integer, NdArray> expected, Map<Integer, NdArray> actual, String pass) {
    assertEquals(expected.keySet(), actual.keySet(), pass);
    for (int t : expected.keySet()) {
      float[] e = expected.get(t).floats();
      float scale = 1;
      for (float v : e) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertArrayEquals(e, actual.get(t).floats(), 10 * Math.ulp(scale), pass + ": tensor " + t);
    }
  }
}
