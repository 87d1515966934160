package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * HARD_SWISH: {@code out = x · relu6(x + 3) / 6} in float, where {@code relu6(v) = min(6, max(0,
 * v))}: 0 for x ≤ -3, x for x ≥ 3, and the quadratic {@code x(x+3)/6} between. Elementwise on a
 * FLOAT32 or FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record HardSwish() implements Op {
  static HardSwish create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new HardSwish();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x * Math.min(6f, Math.max(0f, x + 3f)) / 6f)};
  }
}
