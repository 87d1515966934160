package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * NEG: {@code out = -x}. Elementwise on a FLOAT32 or FLOAT16 input; the output is FLOAT32 of the
 * same shape.
 */
public record Neg() implements Op {
  static Neg create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Neg();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> -x)};
  }
}
