package io.jlite.gpu.fusion;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges a PAD with zeros on H and W of a 4-D float tensor into the CONV_2D or DEPTHWISE_CONV_2D
 * that alone reads its output ({@link PaddedConv}): zero padding and the conv's out-of-image zeros
 * contribute alike, so the conv reads the unpadded tensor and the padded one is never written.
 */
public final class MergePad implements GraphPass {
  @Override
  public Graph apply(Graph graph) {
    List<Node> nodes = new ArrayList<>(graph.nodes());
    Usage usage = new Usage(graph);
    for (Node pad : graph.nodes()) {
      Optional<int[]> pads = zeroSpatialPadding(graph, pad);
      if (pads.isEmpty()) {
        continue;
      }
      int padded = pad.outputs().get(0);
      List<Node> readers = usage.consumers(padded);
      if (readers.size() != 1 || !usage.onlyReadBy(padded, readers.get(0))) {
        continue;
      }
      Node conv = readers.get(0);
      boolean isConv = conv.opName().equals("CONV_2D") || conv.opName().equals("DEPTHWISE_CONV_2D");
      if (!isConv || conv.inputs().get(0) != padded || !nodes.contains(conv)) {
        continue;
      }
      int[] p = pads.get();
      List<Node> replaced = new ArrayList<>();
      List<Integer> inputs = new ArrayList<>(conv.inputs());
      inputs.set(0, pad.inputs().get(0));
      Node merged =
          new Node(
              conv.index(),
              conv.opName(),
              inputs,
              conv.outputs(),
              new PaddedConv(conv.op(), p[2], p[3], p[4], p[5]));
      for (Node n : nodes) {
        if (n.equals(conv)) {
          replaced.add(merged);
        } else if (!n.equals(pad)) {
          replaced.add(n);
        }
      }
      nodes = replaced;
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }

  /** The flattened [4, 2] paddings of a PAD that pads only H and W of a 4-D float tensor with 0. */
  private static Optional<int[]> zeroSpatialPadding(Graph graph, Node node) {
    if (!node.opName().equals("PAD") || node.inputs().size() != 2 || node.outputs().size() != 1) {
      return Optional.empty();
    }
    TensorSpec in = graph.tensor(node.inputs().get(0));
    Optional<int[]> pads =
        graph
            .tensor(node.inputs().get(1))
            .constant()
            .filter(c -> !c.isFloating())
            .map(c -> c.ints());
    if (!in.type().isFloating()
        || in.shape().rank() != 4
        || pads.isEmpty()
        || pads.get().length != 8) {
      return Optional.empty();
    }
    int[] p = pads.get();
    return p[0] == 0 && p[1] == 0 && p[6] == 0 && p[7] == 0 ? pads : Optional.empty();
  }
}
