package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * POW: {@code out = a^b}, elementwise with numpy broadcasting of the two inputs; no fused
 * activation. FLOAT32 and FLOAT16 inputs compute in float. Computed as {@code pow} in double
 * rounded to float; a negative base with a non-integer exponent gives NaN. INT32 inputs are not
 * supported.
 */
public record Pow() implements Op {
  static Pow create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    ElementwiseOps.requireBinaryTypes(ctx, false, Activation.NONE);
    return new Pow();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.apply(in[0], in[1], (a, b) -> (float) Math.pow(a, b))};
  }
}
