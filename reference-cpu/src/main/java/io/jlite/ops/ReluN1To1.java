package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * RELU_N1_TO_1: {@code out = clamp(x, -1, 1)}, i.e. {@code x > 1 ? 1 : x < -1 ? -1 : x}.
 * Elementwise on a FLOAT32 or FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record ReluN1To1() implements Op {
  static ReluN1To1 create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new ReluN1To1();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x > 1f ? 1f : x < -1f ? -1f : x)};
  }
}
