package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * COS: {@code out = cos(x)} (radians), computed in double and rounded to float. Elementwise on a
 * FLOAT32 or FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record Cos() implements Op {
  static Cos create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Cos();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> (float) Math.cos(x))};
  }
}
