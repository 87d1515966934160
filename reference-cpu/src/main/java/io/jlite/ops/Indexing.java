package io.jlite.ops;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;

/**
 * Index arithmetic and type-generic copying shared by the data-movement ops (concatenation,
 * slicing, transposes, padding, gathers). Those ops work out, for every output element, which input
 * element it copies; the helpers here do the copying for float and integer tensors alike.
 */
final class Indexing {
  private Indexing() {}

  /**
   * Resolves an axis that may count from the end: {@code axis} in {@code [-rank, rank)} becomes
   * {@code axis} or {@code axis + rank}; anything else is a {@link ShapeMismatchException}.
   */
  static int axis(int axis, int rank, String opName) {
    if (axis < -rank || axis >= rank) {
      throw new ShapeMismatchException(
          opName + ": axis " + axis + " is out of range for rank " + rank);
    }
    return axis < 0 ? axis + rank : axis;
  }

  /** The product of {@code dims[from..to)}, for outer / inner block sizes. */
  static int product(Shape shape, int from, int to) {
    int n = 1;
    for (int d = from; d < to; d++) {
      n = Math.multiplyExact(n, shape.dim(d));
    }
    return n;
  }

  /**
   * Advances {@code index} to the next multi-index of {@code dims} in row-major order (last axis
   * fastest); returns false after the last one, leaving {@code index} all zeros.
   */
  static boolean next(int[] index, int[] dims) {
    for (int d = index.length - 1; d >= 0; d--) {
      if (++index[d] < dims[d]) {
        return true;
      }
      index[d] = 0;
    }
    return false;
  }

  /** The backing array of a value: {@code float[]} or {@code int[]}. */
  static Object data(NdArray value) {
    return value.isFloating() ? value.floats() : value.ints();
  }

  /** A fresh value of the given type and shape, all zeros. */
  static NdArray allocate(DataType type, Shape shape) {
    return type.isFloating()
        ? NdArray.ofFloats(type, shape, new float[shape.size()])
        : NdArray.ofInts(type, shape, new int[shape.size()]);
  }

  /** A copy of {@code value} with its own array, under {@code shape} (same element count). */
  static NdArray copy(NdArray value, Shape shape) {
    return value.isFloating()
        ? NdArray.ofFloats(value.type(), shape, value.floats().clone())
        : NdArray.ofInts(value.type(), shape, value.ints().clone());
  }

  /** Checks that all values hold their data the same way (all float or all integer). */
  static void requireSameStorage(NdArray[] values, String opName) {
    for (NdArray v : values) {
      if (v.isFloating() != values[0].isFloating()) {
        throw new ShapeMismatchException(
            opName + ": inputs mix " + values[0].type() + " and " + v.type());
      }
    }
  }

  /**
   * The value of shape {@code outShape} whose element {@code i} is {@code source}'s element {@code
   * sourceIndex[i]}, or {@code fill} where {@code sourceIndex[i]} is -1.
   */
  static NdArray take(NdArray source, Shape outShape, int[] sourceIndex, double fill) {
    if (source.isFloating()) {
      float[] in = source.floats();
      float[] out = new float[sourceIndex.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = sourceIndex[i] < 0 ? (float) fill : in[sourceIndex[i]];
      }
      return NdArray.ofFloats(source.type(), outShape, out);
    }
    int[] in = source.ints();
    int[] out = new int[sourceIndex.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = sourceIndex[i] < 0 ? (int) fill : in[sourceIndex[i]];
    }
    return NdArray.ofInts(source.type(), outShape, out);
  }

  /** {@link #take} with no fill. */
  static NdArray take(NdArray source, Shape outShape, int[] sourceIndex) {
    return take(source, outShape, sourceIndex, 0);
  }
}
