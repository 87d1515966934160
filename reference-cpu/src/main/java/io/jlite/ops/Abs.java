package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * ABS: {@code out = |x|}. Elementwise on a FLOAT32 or FLOAT16 input; the output is FLOAT32 of the
 * same shape.
 */
public record Abs() implements Op {
  static Abs create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Abs();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> Math.abs(x))};
  }
}
