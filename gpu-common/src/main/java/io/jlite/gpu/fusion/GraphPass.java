package io.jlite.gpu.fusion;

import io.jlite.ir.Graph;
import java.util.List;

/**
 * A graph transformation of GPU planning. Every pass keeps the graph's results equal to the
 * reference's: the nodes it creates are reference ops or ops composed of them ({@link FusedOp},
 * {@link PaddedConv}, {@link PaddedPool}, {@link BufferAlias}), so the transformed graph still runs
 * on the reference interpreter.
 */
@FunctionalInterface
public interface GraphPass {
  /**
   * The transformed graph: inputs and outputs unchanged, the same tensor table, to which a pass may
   * append new constants (folded weights) but in which no existing entry changes.
   */
  Graph apply(Graph graph);

  /**
   * The passes of GPU planning, in the order they run: constants folded into weights first (so that
   * fusion sees the shorter chain), PADs merged into their window ops, no-op data movement turned
   * into buffer aliases, depthwise convolutions merged into the 1×1 convolutions reading them, then
   * elementwise fusion (into the merged pairs too).
   */
  static List<GraphPass> standard() {
    return List.of(
        new FoldAffineIntoWeights(),
        new MergePad(),
        new RemoveNoOps(),
        new FuseDepthwisePointwise(),
        new FuseElementwise());
  }
}
