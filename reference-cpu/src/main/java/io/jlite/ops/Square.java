package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * SQUARE: {@code out = x · x} in float. Elementwise on a FLOAT32 or FLOAT16 input; the output is
 * FLOAT32 of the same shape.
 */
public record Square() implements Op {
  static Square create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Square();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x * x)};
  }
}
