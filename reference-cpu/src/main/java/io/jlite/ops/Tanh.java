package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * TANH: {@code out = tanh(x)}, computed in double and rounded to float. Elementwise on a FLOAT32 or
 * FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record Tanh() implements Op {
  static Tanh create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Tanh();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> (float) Math.tanh(x))};
  }
}
