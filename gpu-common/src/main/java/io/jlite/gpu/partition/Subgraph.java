package io.jlite.gpu.partition;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A partition of a graph as a graph of its own: the same tensor table, the partition's nodes, as
 * inputs the non-constant tensors it reads but does not compute, and as outputs the tensors it
 * computes that the rest of the graph (or the model's outputs) reads.
 */
public final class Subgraph {
  private Subgraph() {}

  /** The partition {@code nodes} of {@code graph} as a graph. */
  public static Graph of(Graph graph, List<Node> nodes) {
    Set<Integer> computed = new HashSet<>();
    Set<Integer> inside = new HashSet<>();
    for (Node n : nodes) {
      computed.addAll(n.outputs());
      inside.add(n.index());
    }
    Set<Integer> inputs = new LinkedHashSet<>();
    for (Node n : nodes) {
      for (int t : n.inputs()) {
        if (t >= 0 && !computed.contains(t) && !graph.tensor(t).isConstant()) {
          inputs.add(t);
        }
      }
    }
    Set<Integer> readOutside = new HashSet<>(graph.outputs());
    for (Node n : graph.nodes()) {
      if (!inside.contains(n.index())) {
        readOutside.addAll(n.inputs());
      }
    }
    List<Integer> outputs = new ArrayList<>();
    for (Node n : nodes) {
      for (int t : n.outputs()) {
        if (readOutside.contains(t)) {
          outputs.add(t);
        }
      }
    }
    return new Graph(graph.source(), graph.tensors(), nodes, List.copyOf(inputs), outputs);
  }
}
