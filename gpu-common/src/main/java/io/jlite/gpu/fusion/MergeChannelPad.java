package io.jlite.gpu.fusion;

import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges a PAD that only appends zero channels to a 4-D float tensor into the AVERAGE_POOL_2D or
 * MAX_POOL_2D that produces the tensor for it alone ({@link ChannelPaddedPool}): the pooling writes
 * the zero slices itself, one kernel instead of two. Only when the pooled channels fill whole
 * slices (a multiple of 4), so that every appended channel lies in a slice of its own.
 */
public final class MergeChannelPad implements GraphPass {
  @Override
  public Graph apply(Graph graph) {
    List<Node> nodes = new ArrayList<>(graph.nodes());
    Usage usage = new Usage(graph);
    for (Node pad : graph.nodes()) {
      Optional<Integer> after = appendedZeroChannels(graph, pad);
      if (after.isEmpty()) {
        continue;
      }
      int pooled = pad.inputs().get(0);
      int at = usage.producerPosition(pooled);
      if (at < 0 || usage.loneReader(pooled).isEmpty()) {
        continue;
      }
      Node pool = graph.nodes().get(at);
      boolean isPool =
          pool.opName().equals("MAX_POOL_2D") || pool.opName().equals("AVERAGE_POOL_2D");
      if (!isPool || pool.outputs().size() != 1 || !nodes.contains(pool)) {
        continue;
      }
      Node merged =
          new Node(
              pad.index(),
              pool.opName(),
              pool.inputs(),
              pad.outputs(),
              new ChannelPaddedPool(pool.op(), after.get()));
      nodes = GraphPass.mergeInto(nodes, pool, pad, merged);
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }

  /**
   * The number of zero channels a PAD appends to a 4-D float tensor of whole slices, padding
   * nothing else; empty for any other PAD.
   */
  private static Optional<Integer> appendedZeroChannels(Graph graph, Node node) {
    Optional<int[]> pads = MergePad.zeroPadding(graph, node);
    if (pads.isEmpty()
        || graph.tensor(node.inputs().get(0)).shape().dim(3) % Phwc4Layout.LANES != 0) {
      return Optional.empty();
    }
    int[] p = pads.get();
    for (int i = 0; i < 7; i++) {
      if (p[i] != 0) {
        return Optional.empty();
      }
    }
    return p[7] > 0 ? Optional.of(p[7]) : Optional.empty();
  }
}
