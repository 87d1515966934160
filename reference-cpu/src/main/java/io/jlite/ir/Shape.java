package io.jlite.ir;

import java.util.Arrays;

/** An immutable tensor shape. Element counts are computed in {@code long} and checked. */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /** A shape with the given dimensions; each must be ≥ 0. */
  public static Shape of(int... dims) {
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  public static Shape scalar() {
    return SCALAR;
  }

  public int rank() {
    return dims.length;
  }

  /** Dimension {@code i}; negative {@code i} counts from the end as in numpy. */
  public int dim(int i) {
    return dims[i < 0 ? dims.length + i : i];
  }

  /** A copy of the dimensions. */
  public int[] toArray() {
    return dims.clone();
  }

  /** The number of elements, or {@link ArithmeticException} if it does not fit a {@code long}. */
  public long numElements() {
    long n = 1;
    for (int d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The number of elements as an {@code int}, for shapes that have been checked to fit. */
  public int size() {
    return Math.toIntExact(numElements());
  }

  /**
   * Offset of element (b, y, x, c) of a rank-4 NHWC shape in row-major order: the {@code
   * Offset(shape, b, y, x, c)} helper of TFLite's reference kernels.
   */
  public int offset(int b, int y, int x, int c) {
    return ((b * dims[1] + y) * dims[2] + x) * dims[3] + c;
  }

  /** Row-major strides in elements. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = stride;
      stride *= dims[i];
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape other && Arrays.equals(dims, other.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
