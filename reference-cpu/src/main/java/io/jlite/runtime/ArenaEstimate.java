package io.jlite.runtime;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.TensorSpec;
import java.util.Arrays;

/**
 * How much memory the intermediate tensors of one run need at once, computed from the declared
 * shapes before anything is allocated. A non-constant tensor is live from the start of the run (a
 * graph input) or from the op that writes it, until the last op that reads it; graph outputs stay
 * live to the end. The peak over the ops in execution order is what {@link GraphExecutor} holds at
 * most, since it drops each value after its last reader.
 */
public final class ArenaEstimate {
  private ArenaEstimate() {}

  /** The peak, over the ops in order, of the bytes of live non-constant tensors. */
  public static long peakBytes(Graph graph) {
    int[] lastRead = new int[graph.tensors().size()];
    Arrays.fill(lastRead, -1);
    for (int n = 0; n < graph.nodes().size(); n++) {
      for (int t : graph.nodes().get(n).inputs()) {
        if (t >= 0) {
          lastRead[t] = n;
        }
      }
    }
    for (int t : graph.outputs()) {
      lastRead[t] = Integer.MAX_VALUE;
    }
    long live = 0;
    for (int t : graph.inputs()) {
      live += bytes(graph, t);
    }
    long peak = live;
    for (int n = 0; n < graph.nodes().size(); n++) {
      Node node = graph.nodes().get(n);
      for (int t : node.outputs()) {
        live += bytes(graph, t);
      }
      peak = Math.max(peak, live);
      // distinct: an op may read one tensor twice (x + x), it is freed once
      for (int t : node.inputs().stream().distinct().toList()) {
        if (t >= 0 && lastRead[t] == n) {
          live -= bytes(graph, t);
        }
      }
      for (int t : node.outputs()) {
        if (lastRead[t] < 0) {
          live -= bytes(graph, t);
        }
      }
    }
    return peak;
  }

  private static long bytes(Graph graph, int tensor) {
    TensorSpec spec = graph.tensor(tensor);
    return spec.isConstant() ? 0 : spec.byteSize();
  }
}
