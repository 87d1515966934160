package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;

/**
 * Numpy-style broadcasting of two operands, shared by the binary elementwise ops: shapes are
 * aligned at the last dimension; each pair of dimensions must be equal or one of them 1.
 */
final class Broadcast {
  private Broadcast() {}

  /** A binary float function. */
  @FunctionalInterface
  interface FloatBinary {
    float apply(float a, float b);
  }

  /** The broadcast shape of {@code a} and {@code b}. */
  static Shape shape(Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
      int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
      if (da != db && da != 1 && db != 1) {
        throw new ShapeMismatchException("shapes " + a + " and " + b + " cannot be broadcast");
      }
      out[i] = da == 1 ? db : da;
    }
    return Shape.of(out);
  }

  /** Applies {@code f} elementwise over the broadcast of {@code a} and {@code b}. */
  static NdArray apply(NdArray a, NdArray b, FloatBinary f) {
    Shape out = shape(a.shape(), b.shape());
    float[] x = a.floats();
    float[] y = b.floats();
    float[] result = new float[out.size()];
    if (a.shape().equals(b.shape())) {
      for (int i = 0; i < result.length; i++) {
        result[i] = f.apply(x[i], y[i]);
      }
      return NdArray.of(out, result);
    }
    int[] strideA = broadcastStrides(a.shape(), out);
    int[] strideB = broadcastStrides(b.shape(), out);
    int[] index = new int[out.rank()];
    for (int i = 0; i < result.length; i++) {
      int ia = 0;
      int ib = 0;
      for (int d = 0; d < index.length; d++) {
        ia += index[d] * strideA[d];
        ib += index[d] * strideB[d];
      }
      result[i] = f.apply(x[ia], y[ib]);
      // advance the multi-index in row-major order
      for (int d = index.length - 1; d >= 0 && ++index[d] == out.dim(d); d--) {
        index[d] = 0;
      }
    }
    return NdArray.of(out, result);
  }

  /** Strides of {@code in} laid over {@code out}: 0 along broadcast (size-1 or missing) axes. */
  private static int[] broadcastStrides(Shape in, Shape out) {
    int[] strides = new int[out.rank()];
    int[] inStrides = in.strides();
    int offset = out.rank() - in.rank();
    for (int d = 0; d < in.rank(); d++) {
      strides[d + offset] = in.dim(d) == 1 ? 0 : inStrides[d];
    }
    return strides;
  }
}
