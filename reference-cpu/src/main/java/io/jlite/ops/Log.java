package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * LOG: {@code out = ln(x)}, computed in double and rounded to float: {@code ln(0) = -∞}, negative
 * inputs give NaN. Elementwise on a FLOAT32 or FLOAT16 input; the output is FLOAT32 of the same
 * shape.
 */
public record Log() implements Op {
  static Log create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Log();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> (float) Math.log(x))};
  }
}
