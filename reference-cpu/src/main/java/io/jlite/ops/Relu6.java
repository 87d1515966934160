package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * RELU6: {@code out = clamp(x, 0, 6)}, i.e. {@code x > 6 ? 6 : x < 0 ? 0 : x}. Elementwise on a
 * FLOAT32 or FLOAT16 input; the output is FLOAT32 of the same shape.
 */
public record Relu6() implements Op {
  static Relu6 create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Relu6();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x > 6f ? 6f : x < 0f ? 0f : x)};
  }
}
