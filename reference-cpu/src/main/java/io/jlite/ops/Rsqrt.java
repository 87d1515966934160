package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * RSQRT: {@code out = 1 / √x}, in float as TFLite: the square root is rounded to float, then
 * divided into 1 ({@code rsqrt(0) = +∞}). Elementwise on a FLOAT32 or FLOAT16 input; the output is
 * FLOAT32 of the same shape.
 */
public record Rsqrt() implements Op {
  static Rsqrt create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Rsqrt();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> 1f / (float) Math.sqrt(x))};
  }
}
