package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * L2_POOL_2D: {@code out[b, y, x, c] = activation(sqrt(Σ v² / n))} over the {@code n} in-bounds
 * input elements {@code v} of the window (the root mean square; padding is not counted). Windowing
 * and options as in {@link Pool2D}.
 *
 * @param pool the window options and fused activation
 */
public record L2Pool2D(Pool2D pool) implements Op {
  static L2Pool2D create(OpContext ctx) {
    return new L2Pool2D(Pool2D.fromOptions(ctx));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {
      pool.apply(
          "L2_POOL_2D",
          in[0],
          (window, count) -> {
            float sumSquares = 0f;
            for (int i = 0; i < count; i++) {
              sumSquares += window[i] * window[i];
            }
            return (float) Math.sqrt(sumSquares / count);
          })
    };
  }
}
