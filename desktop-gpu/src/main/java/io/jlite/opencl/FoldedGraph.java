package io.jlite.opencl;

import io.jlite.Delegate;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.runtime.ConstantFolder;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A graph as the GPU should see it: nodes that read only constants (in MediaPipe models the fp16
 * {@code DEQUANTIZE} of every weight) evaluated once by {@link ConstantFolder}, so that kernels get
 * constant fp32 weights. The interpreter may hand the delegate the graph as loaded; the delegate
 * then claims those nodes too, so that they do not cut its partitions, and a partition stores their
 * (constant) outputs on each run instead of computing them.
 */
final class FoldedGraph {
  private final Graph original;
  private final Graph folded;
  private final Set<Integer> foldedNodes = new HashSet<>();

  private FoldedGraph(Graph original, Graph folded) {
    this.original = original;
    this.folded = folded;
    Set<Integer> remaining = new HashSet<>();
    folded.nodes().forEach(n -> remaining.add(n.index()));
    original.nodes().stream()
        .filter(n -> !remaining.contains(n.index()))
        .forEach(n -> foldedNodes.add(n.index()));
  }

  /**
   * {@code graph} with its constant-only nodes folded (none when folding fails: runs them as is).
   */
  static FoldedGraph of(Graph graph) {
    Graph folded;
    try {
      folded = ConstantFolder.fold(graph);
    } catch (RuntimeException e) {
      // The interpreter reports a node that cannot be evaluated when it runs it; do not fail here.
      folded = graph;
    }
    return new FoldedGraph(graph, folded);
  }

  /** Whether this was made from {@code graph} (the very object). */
  @SuppressWarnings("ReferenceEquality") // identity: a cache check, called for every node
  boolean isOf(Graph graph) {
    return original == graph;
  }

  /** The graph with folded nodes removed and their outputs constant. */
  Graph graph() {
    return folded;
  }

  boolean isFolded(Node node) {
    return foldedNodes.contains(node.index());
  }

  /** The nodes of {@code partition} that still compute something. */
  List<Node> computed(List<Node> partition) {
    return partition.stream().filter(n -> !isFolded(n)).toList();
  }

  /**
   * {@code inner} (empty: nothing to compute) preceded by storing the folded outputs of {@code
   * partition}'s folded nodes, which later steps may read.
   */
  Delegate.Kernel withConstants(List<Node> partition, Optional<Delegate.Kernel> inner) {
    List<Integer> outputs =
        partition.stream().filter(this::isFolded).flatMap(n -> n.outputs().stream()).toList();
    return new Delegate.Kernel() {
      @Override
      public void run(NdArray[] values) {
        for (int t : outputs) {
          values[t] = folded.tensor(t).constant().orElseThrow();
        }
        inner.ifPresent(k -> k.run(values));
      }

      @Override
      public void close() {
        inner.ifPresent(Delegate.Kernel::close);
      }
    };
  }
}
