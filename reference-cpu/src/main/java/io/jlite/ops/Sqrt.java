package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * SQRT: {@code out = √x}, correctly rounded (the double square root of a float rounds to the float
 * one); negative inputs give NaN. Elementwise on a FLOAT32 or FLOAT16 input; the output is FLOAT32
 * of the same shape.
 */
public record Sqrt() implements Op {
  static Sqrt create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Sqrt();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> (float) Math.sqrt(x))};
  }
}
