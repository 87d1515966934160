package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * FLOOR: {@code out = ⌊x⌋}, the largest integer not above x. Elementwise on a FLOAT32 or FLOAT16
 * input; the output is FLOAT32 of the same shape.
 */
public record Floor() implements Op {
  static Floor create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Floor();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> (float) Math.floor(x))};
  }
}
