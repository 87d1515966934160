package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Arrays;
import org.tensorflow.lite.schema.ReshapeOptionsT;

/**
 * RESHAPE: the same elements in the same row-major order under a new shape. The new shape is input
 * 1 when that is a vector (rank 1) of an integer type, else the {@code new_shape} option, where, as
 * in TFLite, the legacy value {@code [0]} means a scalar. One dimension may be -1: it becomes the
 * input's element count divided by the product of the others. The element counts must match. Float
 * and integer tensors.
 *
 * @param newShape the requested shape, possibly with one -1
 */
public record Reshape(IntOperand newShape) implements Op {
  static Reshape create(OpContext ctx) {
    ctx.requireInputCount(1, 2);
    if (ctx.inputs().size() == 2 && ctx.inputs().get(1).isPresent()) {
      var shapeInput = ctx.input(1);
      if (shapeInput.shape().rank() == 1 && !shapeInput.type().isFloating()) {
        return new Reshape(IntOperand.fromInput(ctx, 1));
      }
    }
    ReshapeOptionsT o = ctx.options(ReshapeOptionsT.class, ReshapeOptionsT::new);
    int[] dims = o.getNewShape() == null ? new int[0] : o.getNewShape();
    if (dims.length == 1 && dims[0] == 0) {
      dims = new int[0];
    }
    return new Reshape(IntOperand.ofConstant(dims));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int[] dims = newShape.values(in);
    long known = 1;
    int inferred = -1;
    for (int d = 0; d < dims.length; d++) {
      if (dims[d] == -1 && inferred < 0) {
        inferred = d;
      } else if (dims[d] < 0) {
        throw new ShapeMismatchException(
            "RESHAPE to " + Arrays.toString(dims) + ": only one dimension may be -1");
      } else {
        known = Math.multiplyExact(known, dims[d]);
      }
    }
    long count = inShape.numElements();
    if (inferred >= 0) {
      if (known == 0 || count % known != 0) {
        throw new ShapeMismatchException(
            "RESHAPE of " + inShape + " to " + Arrays.toString(dims) + ": -1 cannot be inferred");
      }
      dims[inferred] = Math.toIntExact(count / known);
      known = count;
    }
    if (known != count) {
      throw new ShapeMismatchException(
          "RESHAPE of " + inShape + " (" + count + " elements) to " + Arrays.toString(dims));
    }
    return new NdArray[] {Indexing.copy(in[0], Shape.of(dims))};
  }
}
