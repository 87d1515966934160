package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;

/**
 * EXPAND_DIMS: inserts a dimension of size 1 at position {@code axis} (input 1, one integer) of the
 * output: {@code axis} in {@code [-rank-1, rank]}, a negative one counting from the end of the
 * output's {@code rank + 1} axes ({@code -1} appends). The elements keep their order. Float and
 * integer tensors.
 *
 * @param axis the position of the new axis
 */
public record ExpandDims(IntOperand axis) implements Op {
  static ExpandDims create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    return new ExpandDims(IntOperand.fromInput(ctx, 1));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int a = axis.scalar(in, "EXPAND_DIMS");
    if (a < -rank - 1 || a > rank) {
      throw new ShapeMismatchException(
          "EXPAND_DIMS: axis " + a + " is out of range for " + inShape);
    }
    if (a < 0) {
      a += rank + 1;
    }
    int[] dims = new int[rank + 1];
    for (int d = 0, src = 0; d <= rank; d++) {
      dims[d] = d == a ? 1 : inShape.dim(src++);
    }
    return new NdArray[] {Indexing.copy(in[0], Shape.of(dims))};
  }
}
