package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * MAX_POOL_2D: {@code out[b, y, x, c] = activation(max of the window's in-bounds input elements)};
 * padding never contributes. Windowing and options as in {@link Pool2D}. As in TFLite's reference
 * kernel the running maximum starts at the lowest finite float and ignores NaN, so a window of only
 * -∞ (or NaN) gives {@code -Float.MAX_VALUE}.
 *
 * @param pool the window options and fused activation
 */
public record MaxPool2D(Pool2D pool) implements Op {
  static MaxPool2D create(OpContext ctx) {
    return new MaxPool2D(Pool2D.fromOptions(ctx));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {
      pool.apply(
          "MAX_POOL_2D",
          in[0],
          (window, count) -> {
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < count; i++) {
              // std::max(max, v) of the reference kernel: v wins only if max < v.
              if (max < window[i]) {
                max = window[i];
              }
            }
            return max;
          })
    };
  }
}
