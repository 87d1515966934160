package io.jlite.gpu.fusion;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges a PAD with zeros on H and W (none on batch or channels) of a 4-D float tensor into the
 * CONV_2D or DEPTHWISE_CONV_2D ({@link PaddedConv}) or AVERAGE_POOL_2D or MAX_POOL_2D ({@link
 * PaddedPool}) that alone reads its output: the window op reads the unpadded tensor and treats the
 * padded border as zeros, so the padded tensor is never written. (For a conv zero padding and
 * out-of-image positions contribute alike; a pooling must count the PAD's zeros as elements.)
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
      Optional<Node> lone = usage.loneReader(padded);
      if (lone.isEmpty()) {
        continue;
      }
      Node reader = lone.get();
      Optional<Op> mergedOp = merged(reader, pads.get());
      if (mergedOp.isEmpty() || reader.inputs().get(0) != padded || !nodes.contains(reader)) {
        continue;
      }
      List<Integer> inputs = new ArrayList<>(reader.inputs());
      inputs.set(0, pad.inputs().get(0));
      Node merged =
          new Node(reader.index(), reader.opName(), inputs, reader.outputs(), mergedOp.get());
      nodes = GraphPass.mergeInto(nodes, pad, reader, merged);
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }

  /** The window op {@code reader} with the H/W paddings {@code p} ([4, 2], flattened) merged in. */
  private static Optional<Op> merged(Node reader, int[] p) {
    return switch (reader.opName()) {
      case "CONV_2D", "DEPTHWISE_CONV_2D" ->
          Optional.of(new PaddedConv(reader.op(), p[2], p[3], p[4], p[5]));
      case "AVERAGE_POOL_2D", "MAX_POOL_2D" ->
          Optional.of(new PaddedPool(reader.op(), p[2], p[3], p[4], p[5]));
      default -> Optional.empty();
    };
  }

  /** The flattened [4, 2] paddings of a PAD that pads only H and W of a 4-D float tensor with 0. */
  private static Optional<int[]> zeroSpatialPadding(Graph graph, Node node) {
    return zeroPadding(graph, node).filter(p -> p[0] == 0 && p[1] == 0 && p[6] == 0 && p[7] == 0);
  }

  /**
   * The flattened [4, 2] constant paddings of a PAD (no pad value: zeros) of a 4-D float tensor;
   * empty for any other node.
   */
  static Optional<int[]> zeroPadding(Graph graph, Node node) {
    if (!node.opName().equals("PAD") || node.inputs().size() != 2 || node.outputs().size() != 1) {
      return Optional.empty();
    }
    TensorSpec in = graph.tensor(node.inputs().get(0));
    if (!in.type().isFloating() || in.shape().rank() != 4) {
      return Optional.empty();
    }
    return graph
        .tensor(node.inputs().get(1))
        .constant()
        .filter(c -> !c.isFloating())
        .map(c -> c.ints())
        .filter(p -> p.length == 8);
  }
}
