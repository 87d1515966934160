package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * AVERAGE_POOL_2D: {@code out[b, y, x, c] = activation(mean of the window's in-bounds input
 * elements)}; the mean divides by the number of elements inside the input, so padding is not
 * counted (TFLite's semantics). Windowing and options as in {@link Pool2D}.
 *
 * @param pool the window options and fused activation
 */
public record AveragePool2D(Pool2D pool) implements Op {
  static AveragePool2D create(OpContext ctx) {
    return new AveragePool2D(Pool2D.fromOptions(ctx));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {
      pool.apply(
          "AVERAGE_POOL_2D",
          in[0],
          (window, count) -> {
            float sum = 0f;
            for (int i = 0; i < count; i++) {
              sum += window[i];
            }
            return sum / count;
          })
    };
  }
}
