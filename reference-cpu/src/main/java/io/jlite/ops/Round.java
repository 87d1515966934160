package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * ROUND: x rounded to the nearest integer, ties to the even one (banker's rounding), as TFLite's
 * {@code RoundToNearest}: {@code f = ⌊x⌋; d = x - f; out = d < 0.5 || (d == 0.5 && f even) ? f : f
 * + 1}. So {@code round(0.5) = 0}, {@code round(1.5) = 2}, {@code round(-2.5) = -2}, and negative
 * inputs that round up to zero give +0 ({@code round(-0.5) = +0}, unlike {@code Math.rint}).
 * Elementwise on a FLOAT32 or FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record Round() implements Op {
  static Round create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Round();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], Round::roundHalfToEven)};
  }

  static float roundHalfToEven(float x) {
    float floor = (float) Math.floor(x);
    float diff = x - floor;
    if (diff < 0.5f || (diff == 0.5f && floor % 2 == 0)) {
      return floor;
    }
    return floor + 1f;
  }
}
