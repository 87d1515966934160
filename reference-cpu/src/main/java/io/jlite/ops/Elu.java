package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * ELU: {@code out = x < 0 ? e^x - 1 : x} (alpha 1), with {@code e^x - 1} computed as {@code expm1}
 * in double and rounded to float. Elementwise on a FLOAT32 or FLOAT16 input; the output is FLOAT32
 * of the same shape.
 */
public record Elu() implements Op {
  static Elu create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Elu();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x < 0f ? (float) Math.expm1(x) : x)};
  }
}
