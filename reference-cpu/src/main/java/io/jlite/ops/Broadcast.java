package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;

/**
 * The loops shared by the elementwise ops: numpy-style broadcasting of two operands (shapes are
 * aligned at the last dimension; each pair of dimensions must be equal or one of them 1), and the
 * plain map of a unary function.
 */
final class Broadcast {
  private Broadcast() {}

  /** A binary float function. */
  @FunctionalInterface
  interface FloatBinary {
    float apply(float a, float b);
  }

  /** A binary int function. */
  @FunctionalInterface
  interface IntBinary {
    int apply(int a, int b);
  }

  /** A unary float function. */
  @FunctionalInterface
  interface FloatUnary {
    float apply(float x);
  }

  /** Receives one output element and the element of each operand it is computed from. */
  @FunctionalInterface
  private interface IndexVisitor {
    void visit(int out, int indexA, int indexB);
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

  /**
   * Applies {@code f} elementwise over the broadcast of {@code a} and {@code b}, both floating; the
   * result is FLOAT32.
   */
  static NdArray apply(NdArray a, NdArray b, FloatBinary f) {
    if (!a.isFloating() || !b.isFloating()) {
      throw new ShapeMismatchException(
          "operands " + a.type() + " and " + b.type() + " must both be floating");
    }
    Shape out = shape(a.shape(), b.shape());
    float[] x = a.floats();
    float[] y = b.floats();
    float[] result = new float[out.size()];
    forEachIndex(a.shape(), b.shape(), out, (i, ia, ib) -> result[i] = f.apply(x[ia], y[ib]));
    return NdArray.of(out, result);
  }

  /**
   * Applies {@code f} elementwise over the broadcast of {@code a} and {@code b}, both of the same
   * integer type; the result has that type.
   */
  static NdArray applyInts(NdArray a, NdArray b, IntBinary f) {
    if (a.isFloating() || a.type() != b.type()) {
      throw new ShapeMismatchException(
          "operands " + a.type() + " and " + b.type() + " must have one integer type");
    }
    Shape out = shape(a.shape(), b.shape());
    int[] x = a.ints();
    int[] y = b.ints();
    int[] result = new int[out.size()];
    forEachIndex(a.shape(), b.shape(), out, (i, ia, ib) -> result[i] = f.apply(x[ia], y[ib]));
    return NdArray.ofInts(a.type(), out, result);
  }

  /**
   * Applies {@code f} to floating operands and {@code g} to integer ones (both of one type), with
   * broadcasting; ops that take both kinds check the declared types when they are created.
   */
  static NdArray apply(NdArray a, NdArray b, FloatBinary f, IntBinary g) {
    return a.isFloating() ? apply(a, b, f) : applyInts(a, b, g);
  }

  /** Applies {@code f} to every element of a floating value; the result is FLOAT32. */
  static NdArray map(NdArray a, FloatUnary f) {
    if (!a.isFloating()) {
      throw new ShapeMismatchException("operand " + a.type() + " must be floating");
    }
    float[] x = a.floats();
    float[] result = new float[x.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = f.apply(x[i]);
    }
    return NdArray.of(a.shape(), result);
  }

  /** Visits every element of {@code out}, the broadcast of {@code a} and {@code b}, in order. */
  private static void forEachIndex(Shape a, Shape b, Shape out, IndexVisitor visitor) {
    int size = out.size();
    if (a.equals(b)) {
      for (int i = 0; i < size; i++) {
        visitor.visit(i, i, i);
      }
      return;
    }
    int[] strideA = broadcastStrides(a, out);
    int[] strideB = broadcastStrides(b, out);
    int[] index = new int[out.rank()];
    for (int i = 0; i < size; i++) {
      int ia = 0;
      int ib = 0;
      for (int d = 0; d < index.length; d++) {
        ia += index[d] * strideA[d];
        ib += index[d] * strideB[d];
      }
      visitor.visit(i, ia, ib);
      // advance the multi-index in row-major order
      for (int d = index.length - 1; d >= 0 && ++index[d] == out.dim(d); d--) {
        index[d] = 0;
      }
    }
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
