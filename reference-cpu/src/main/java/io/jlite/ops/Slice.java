package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Arrays;

/**
 * SLICE: the box of the input that starts at {@code begin} (input 1) and has extent {@code size}
 * (input 2), both integer vectors with one entry per input axis: {@code out[i] = in[begin + i]}. A
 * size of -1 takes everything from {@code begin} to the end of the axis. Requires {@code 0 ≤
 * begin[d] ≤ in.dim(d)} and {@code begin[d] + size[d] ≤ in.dim(d)}. Float and integer tensors.
 *
 * @param begin the first element taken along each axis
 * @param size the extent along each axis, or -1 for "to the end"
 */
public record Slice(IntOperand begin, IntOperand size) implements Op {
  static Slice create(OpContext ctx) {
    ctx.requireInputCount(3, 3);
    return new Slice(IntOperand.fromInput(ctx, 1), IntOperand.fromInput(ctx, 2));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int[] start = begin.values(in);
    int[] extent = size.values(in);
    if (start.length != rank || extent.length != rank) {
      throw new ShapeMismatchException(
          "SLICE of "
              + inShape
              + " with begin "
              + Arrays.toString(start)
              + " and size "
              + Arrays.toString(extent));
    }
    for (int d = 0; d < rank; d++) {
      int n = inShape.dim(d);
      if (extent[d] == -1 && start[d] >= 0 && start[d] <= n) {
        extent[d] = n - start[d];
      }
      if (start[d] < 0 || start[d] > n || extent[d] < 0 || extent[d] > n - start[d]) {
        throw new ShapeMismatchException(
            "SLICE of "
                + inShape
                + " with begin "
                + Arrays.toString(begin.values(in))
                + " and size "
                + Arrays.toString(size.values(in))
                + " leaves the input along axis "
                + d);
      }
    }
    Shape outShape = Shape.of(extent);
    int[] inStrides = inShape.strides();
    int[] source = new int[outShape.size()];
    int[] index = new int[rank];
    for (int i = 0; i < source.length; i++) {
      int offset = 0;
      for (int d = 0; d < rank; d++) {
        offset += (start[d] + index[d]) * inStrides[d];
      }
      source[i] = offset;
      Indexing.next(index, extent);
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source)};
  }
}
