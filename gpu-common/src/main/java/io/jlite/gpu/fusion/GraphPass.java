package io.jlite.gpu.fusion;

import io.jlite.ir.Graph;
import java.util.List;

/**
 * A graph transformation of GPU planning. Every pass keeps the graph's results equal to the
 * reference's: the nodes it creates are reference ops or ops composed of them ({@link FusedOp},
 * {@link PaddedConv}), so the transformed graph still runs on the reference interpreter.
 */
@FunctionalInterface
public interface GraphPass {
  /** The transformed graph (the same tensor table; inputs and outputs unchanged). */
  Graph apply(Graph graph);

  /** The passes of GPU planning, in the order they run. */
  static List<GraphPass> standard() {
    return List.of(new MergePad(), new FuseElementwise());
  }
}
