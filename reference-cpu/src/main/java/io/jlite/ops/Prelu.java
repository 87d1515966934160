package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * PRELU: {@code out = x ≥ 0 ? x : alpha · x} in float, where the second input {@code alpha} is
 * broadcast against the input {@code x} with numpy rules (typically one slope per channel, shape
 * {@code [C]} or {@code [1, 1, C]}); the output has the broadcast shape. Both inputs are FLOAT32 or
 * FLOAT16.
 */
public record Prelu() implements Op {
  static Prelu create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    ElementwiseOps.requireBinaryTypes(ctx, false, Activation.NONE);
    return new Prelu();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.apply(in[0], in[1], (x, alpha) -> x >= 0f ? x : x * alpha)};
  }
}
