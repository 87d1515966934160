package io.jlite.gpu.fusion;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who produces and who reads each tensor of a graph. */
final class Usage {
  private final Map<Integer, Node> producer = new HashMap<>();
  private final Map<Integer, List<Node>> consumers = new HashMap<>();
  private final Graph graph;

  Usage(Graph graph) {
    this.graph = graph;
    for (Node n : graph.nodes()) {
      for (int t : n.outputs()) {
        producer.put(t, n);
      }
      for (int t : n.inputs()) {
        if (t >= 0) {
          consumers.computeIfAbsent(t, k -> new ArrayList<>()).add(n);
        }
      }
    }
  }

  List<Node> consumers(int tensor) {
    return consumers.getOrDefault(tensor, List.of());
  }

  /** Whether the tensor is read only by {@code node} (counting repeats) and is no graph output. */
  boolean onlyReadBy(int tensor, Node node) {
    List<Node> c = consumers(tensor);
    return !graph.outputs().contains(tensor)
        && !c.isEmpty()
        && c.stream().allMatch(n -> n.index() == node.index())
        && node.inputs().stream().filter(t -> t == tensor).count() == 1;
  }

  /**
   * The node that alone reads {@code tensor}, once, when the tensor is no graph output: the case in
   * which a pass may merge the tensor's producer into its reader.
   */
  Optional<Node> loneReader(int tensor) {
    List<Node> c = consumers(tensor);
    return c.size() == 1 && onlyReadBy(tensor, c.get(0)) ? Optional.of(c.get(0)) : Optional.empty();
  }

  /**
   * The position in execution order of the node producing {@code tensor}; -1 if none (input or
   * constant).
   */
  int producerPosition(int tensor) {
    Node n = producer.get(tensor);
    return n == null ? -1 : graph.nodes().indexOf(n);
  }
}
