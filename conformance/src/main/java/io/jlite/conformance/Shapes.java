package io.jlite.conformance;

import java.util.Arrays;

/** Small helpers on shapes given as {@code int[]} dimensions. */
public final class Shapes {
  private Shapes() {}

  /** The number of elements. */
  public static int size(int... shape) {
    int n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** {@code [1, 3, 4]} style, for descriptions. */
  public static String str(int... shape) {
    return Arrays.toString(shape);
  }
}
