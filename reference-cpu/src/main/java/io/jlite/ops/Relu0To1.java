package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * RELU_0_TO_1: {@code out = clamp(x, 0, 1)}, i.e. {@code x > 1 ? 1 : x < 0 ? 0 : x}. Elementwise on
 * a FLOAT32 or FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record Relu0To1() implements Op {
  static Relu0To1 create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Relu0To1();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x > 1f ? 1f : x < 0f ? 0f : x)};
  }
}
