package io.jlite.gpu.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Delegate;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.RandomGraphs;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.runtime.GraphExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PartitionerTest {
  /**
   * A delegate claiming by a random predicate and running its partitions with the reference ops.
   */
  private static final class ReferenceDelegate implements Delegate {
    private final long salt;
    final List<List<Node>> prepared = new ArrayList<>();

    ReferenceDelegate(long salt) {
      this.salt = salt;
    }

    @Override
    public String name() {
      return "reference";
    }

    @Override
    public boolean claims(Graph graph, Node node) {
      return new Random(salt * 31 + node.index() * 7L + node.opName().hashCode()).nextInt(3) > 0;
    }

    @Override
    public Kernel prepare(Graph graph, List<Node> partition) {
      prepared.add(partition);
      return new Kernel() {
        @Override
        public void run(NdArray[] values) {
          for (Node n : partition) {
            NdArray[] in = new NdArray[n.inputs().size()];
            for (int i = 0; i < in.length; i++) {
              in[i] = n.inputs().get(i) < 0 ? null : values[n.inputs().get(i)];
            }
            values[n.outputs().get(0)] = n.op().apply(in)[0];
          }
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }

  @Property(tries = 100)
  void partitionsInOrderEqualTheWholeGraph(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int length,
      @ForAll @IntRange(min = 0, max = 3) int max) {
    Graph graph = RandomGraphs.generate(seed, length);
    ReferenceDelegate delegate = new ReferenceDelegate(seed);
    List<Partition> partitions = Partitioner.partition(graph, delegate::claims, max);
    // every node exactly once, in order; no two neighbours of one kind; at most max delegated
    assertEquals(graph.nodes(), partitions.stream().flatMap(p -> p.nodes().stream()).toList());
    for (int i = 1; i < partitions.size(); i++) {
      assertTrue(
          partitions.get(i).delegated() != partitions.get(i - 1).delegated()
              || partitions.get(i).delegated());
    }
    long delegated = partitions.stream().filter(Partition::delegated).count();
    assertTrue(delegated <= max);
    for (Partition p : partitions) {
      if (p.delegated()) {
        assertTrue(p.nodes().stream().allMatch(n -> delegate.claims(graph, n)));
      }
    }
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(seed), 2f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    List<NdArray> in = graph.inputs().stream().map(inputs::get).toList();
    try (GraphExecutor executor =
        new GraphExecutor(graph, List.of(Partitioner.limited(delegate, graph, max)))) {
      assertEquals(delegated, executor.delegatePartitionCount());
      NdArray[] values = executor.execute(in, false);
      for (int t : graph.outputs()) {
        assertArrayEquals(expected.get(t).floats(), values[t].floats(), t + "");
      }
    }
  }

  @Property(tries = 50)
  void unlimitedKeepsEveryMaximalRun(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int length) {
    Graph graph = RandomGraphs.generate(seed, length);
    ReferenceDelegate delegate = new ReferenceDelegate(seed);
    List<Partition> partitions = Partitioner.partition(graph, delegate::claims, Integer.MAX_VALUE);
    for (int i = 1; i < partitions.size(); i++) {
      assertTrue(
          partitions.get(i).delegated() != partitions.get(i - 1).delegated(), "runs are maximal");
    }
  }
}
