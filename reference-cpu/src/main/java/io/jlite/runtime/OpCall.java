package io.jlite.runtime;

import io.jlite.JLiteException;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.LoaderLimits;
import io.jlite.ops.ValueShapedOp;

/**
 * Applies one node's reference op, at run time ({@link GraphExecutor}), while folding constants
 * ({@link ConstantFolder}) or in a GPU backend's CPU fallback, so that whatever goes wrong leaves
 * as a {@link JLiteException} naming the model and the op.
 *
 * <p>An op whose output shape depends on input values ({@link ValueShapedOp}: an output size or
 * paddings fed at run time) has that shape checked first, against {@link
 * LoaderLimits#maxTensorBytes} and the model's declared output, so a hostile value is refused
 * before the op allocates anything.
 */
public final class OpCall {
  private OpCall() {}

  /**
   * The outputs of {@code node} for inputs {@code in}.
   *
   * @throws ShapeMismatchException when a value-shaped op's inputs ask for an output over the
   *     limits or other than the declared one
   */
  public static NdArray[] apply(Graph graph, Node node, NdArray[] in, LoaderLimits limits) {
    try {
      if (node.op() instanceof ValueShapedOp op && !node.outputs().isEmpty()) {
        checkSize(graph, node, op.outputShape(in), limits);
      }
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

  private static void checkSize(Graph graph, Node node, Shape shape, LoaderLimits limits) {
    TensorSpec declared = graph.tensor(node.outputs().get(0));
    long bytes = bytes(shape, declared.type().byteSize());
    String asked = graph.source() + ": " + node + ": its inputs ask for an output of " + shape;
    if (bytes > limits.maxTensorBytes()) {
      throw new ShapeMismatchException(
          asked
              + " ("
              + (bytes == Long.MAX_VALUE ? "more than 2^63" : bytes)
              + " bytes), more than the limit of "
              + limits.maxTensorBytes()
              + " bytes per tensor (LoaderLimits.maxTensorBytes)");
    }
    if (!shape.equals(declared.shape())) {
      throw new ShapeMismatchException(
          asked + ", the model declares " + declared.describe() + " " + declared.shape());
    }
  }

  /** The bytes of {@code shape}; {@link Long#MAX_VALUE} when that overflows. */
  private static long bytes(Shape shape, int elementBytes) {
    try {
      return Math.multiplyExact(shape.numElements(), (long) elementBytes);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
