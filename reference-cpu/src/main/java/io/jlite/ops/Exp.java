package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * EXP: {@code out = e^x}, computed in double and rounded to float. Elementwise on a FLOAT32 or
 * FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record Exp() implements Op {
  static Exp create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Exp();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> (float) Math.exp(x))};
  }
}
