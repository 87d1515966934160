package io.jlite.gpu.partition;

import io.jlite.ir.Node;
import java.util.List;

/**
 * A run of consecutive nodes (in execution order) that goes either to the delegate or to the CPU.
 *
 * @param delegated whether the delegate runs these nodes
 */
public record Partition(boolean delegated, List<Node> nodes) {
  public Partition {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("empty partition");
    }
  }
}
