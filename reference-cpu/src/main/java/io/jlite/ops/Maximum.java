package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * MAXIMUM: {@code out = a > b ? a : b}, elementwise with numpy broadcasting of the two inputs; no
 * fused activation. FLOAT32 and FLOAT16 inputs compute in float. As TFLite's comparison, a NaN in
 * {@code a} yields {@code b}, and {@code maximum(0, -0) = -0}. INT32 inputs compare as ints.
 */
public record Maximum() implements Op {
  static Maximum create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    ElementwiseOps.requireBinaryTypes(ctx, true, Activation.NONE);
    return new Maximum();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {
      Broadcast.apply(in[0], in[1], (a, b) -> a > b ? a : b, (a, b) -> a > b ? a : b)
    };
  }
}
