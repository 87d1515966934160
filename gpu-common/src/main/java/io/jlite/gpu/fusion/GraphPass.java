package io.jlite.gpu.fusion;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph transformation of GPU planning. Every pass keeps the graph's results equal to the
 * reference's: the nodes it creates are reference ops or ops composed of them ({@link FusedOp},
 * {@link PaddedConv}, {@link PaddedPool}, {@link ChannelPaddedPool}, {@link DepthwisePointwise},
 * {@link BufferAlias}), so the transformed graph still runs on the reference interpreter.
 */
@FunctionalInterface
public interface GraphPass {
  /**
   * The transformed graph: inputs and outputs unchanged, the same tensor table, to which a pass may
   * append new constants (folded weights) but in which no existing entry changes.
   */
  Graph apply(Graph graph);

  /**
   * This pass for kernels that may bind at most {@code max} buffers ({@link KernelBuffers}, e.g. a
   * GLES driver's storage-block limit): the passes that merge ops into one kernel stop before it;
   * the others are the same pass.
   */
  default GraphPass withMaxKernelBuffers(int max) {
    return this;
  }

  /**
   * The passes of GPU planning, in the order they run: constants folded into weights first (so that
   * fusion sees the shorter chain), PADs merged into their window ops, channel PADs into the
   * poolings before them, no-op data movement turned into buffer aliases, depthwise convolutions
   * merged into the 1×1 convolutions reading them, then elementwise fusion (into the merged pairs
   * too).
   */
  static List<GraphPass> standard() {
    return List.of(
        new FoldAffineIntoWeights(),
        new MergePad(),
        new MergeChannelPad(),
        new RemoveNoOps(),
        new FuseDepthwisePointwise(),
        new FusePointwiseDepthwise(),
        new FuseScaledPointwise(),
        new FuseElementwise());
  }

  /**
   * {@code nodes} with {@code reader} replaced by {@code merged} and {@code producer} removed: the
   * step of the passes that merge a producer into its lone reader (the merged node runs where the
   * reader ran, after everything the producer read).
   */
  static List<Node> mergeInto(List<Node> nodes, Node producer, Node reader, Node merged) {
    List<Node> result = new ArrayList<>();
    for (Node n : nodes) {
      if (n.equals(reader)) {
        result.add(merged);
      } else if (!n.equals(producer)) {
        result.add(n);
      }
    }
    return result;
  }
}
