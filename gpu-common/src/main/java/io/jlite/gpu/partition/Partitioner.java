package io.jlite.gpu.partition;

import io.jlite.Delegate;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Splits a graph into delegate subgraphs and CPU islands as TFLite's delegate API does: maximal
 * runs of consecutive claimed nodes (the grouping {@link io.jlite.runtime.GraphExecutor} uses), of
 * which at most {@code maxPartitions} — the largest, by node count, earliest first on ties — stay
 * on the delegate; the nodes of the others run on the CPU.
 */
public final class Partitioner {
  private Partitioner() {}

  /**
   * The partitions of {@code graph}, in execution order, covering every node once.
   *
   * @param claims the backend's claim predicate (op type, options, dtypes)
   * @param maxPartitions the most delegate partitions to keep (≥ 0)
   */
  public static List<Partition> partition(
      Graph graph, BiPredicate<Graph, Node> claims, int maxPartitions) {
    if (maxPartitions < 0) {
      throw new IllegalArgumentException("maxPartitions " + maxPartitions + " < 0");
    }
    List<List<Node>> runs = new ArrayList<>();
    List<Boolean> claimed = new ArrayList<>();
    for (Node n : graph.nodes()) {
      boolean c = claims.test(graph, n);
      if (runs.isEmpty() || claimed.get(claimed.size() - 1) != c) {
        runs.add(new ArrayList<>());
        claimed.add(c);
      }
      runs.get(runs.size() - 1).add(n);
    }
    Set<Integer> kept = new HashSet<>();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (claimed.get(i)) {
        candidates.add(i);
      }
    }
    candidates.sort(
        Comparator.comparingInt((Integer i) -> -runs.get(i).size()).thenComparingInt(i -> i));
    kept.addAll(candidates.subList(0, Math.min(maxPartitions, candidates.size())));
    // Runs dropped from the delegate merge with their CPU neighbours.
    List<Partition> out = new ArrayList<>();
    List<Node> cpu = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (kept.contains(i)) {
        if (!cpu.isEmpty()) {
          out.add(new Partition(false, cpu));
          cpu = new ArrayList<>();
        }
        out.add(new Partition(true, runs.get(i)));
      } else {
        cpu.addAll(runs.get(i));
      }
    }
    if (!cpu.isEmpty()) {
      out.add(new Partition(false, cpu));
    }
    return out;
  }

  /**
   * A delegate that claims exactly the nodes of the kept partitions of {@code delegate}'s claims,
   * so that {@link io.jlite.runtime.GraphExecutor} forms those partitions and no more.
   */
  public static Delegate limited(Delegate delegate, Graph graph, int maxPartitions) {
    Set<Integer> delegated = new HashSet<>();
    for (Partition p : partition(graph, delegate::claims, maxPartitions)) {
      if (p.delegated()) {
        p.nodes().forEach(n -> delegated.add(n.index()));
      }
    }
    return new Delegate() {
      @Override
      public String name() {
        return delegate.name();
      }

      @Override
      public boolean claims(Graph g, Node node) {
        return delegated.contains(node.index());
      }

      @Override
      public Kernel prepare(Graph g, List<Node> nodes) {
        return delegate.prepare(g, nodes);
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }
}
