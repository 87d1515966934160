package io.jlite.runtime;

import io.jlite.JLiteException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;

/**
 * Applies one node's reference op, at run time ({@link GraphExecutor}) or while folding constants
 * ({@link ConstantFolder}), so that whatever goes wrong leaves as a {@link JLiteException} naming
 * the model and the op.
 */
final class OpCall {
  private OpCall() {}

  static NdArray[] apply(Graph graph, Node node, NdArray[] in) {
    try {
      return node.op().apply(in);
    } catch (JLiteException e) {
      throw e;
    } catch (RuntimeException e) {
      // A safety net for checks an op is missing: the caller still gets a typed error.
      throw new JLiteException(graph.source() + ": " + node + " failed: " + e, e);
    } catch (OutOfMemoryError e) {
      // Ops are pure: what they allocated is garbage once this unwinds, so the JVM recovers. An op
      // asking for more than the heap holds means its output is far larger than declared.
      throw new JLiteException(
          graph.source() + ": " + node + " needs more memory than the JVM has: " + e, e);
    }
  }
}
