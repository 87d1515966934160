package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * RELU: {@code out = x < 0 ? 0 : x}. Elementwise on a FLOAT32 or FLOAT16 input; the output is
 * FLOAT32 of the same shape.
 */
public record Relu() implements Op {
  static Relu create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Relu();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x < 0f ? 0f : x)};
  }
}
