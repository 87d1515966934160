package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * CEIL: {@code out = ⌈x⌉}, the smallest integer not below x. Elementwise on a FLOAT32 or FLOAT16
 * input; the output is FLOAT32 of the same shape.
 */
public record Ceil() implements Op {
  static Ceil create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Ceil();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> (float) Math.ceil(x))};
  }
}
