package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * SQUARED_DIFFERENCE: {@code out = (a - b)²}, elementwise with numpy broadcasting of the two
 * inputs; no fused activation. FLOAT32 and FLOAT16 inputs compute in float. INT32 inputs compute in
 * int, wrapping on overflow.
 */
public record SquaredDifference() implements Op {
  static SquaredDifference create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    ElementwiseOps.requireBinaryTypes(ctx, true, Activation.NONE);
    return new SquaredDifference();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {
      Broadcast.apply(
          in[0],
          in[1],
          (a, b) -> {
            float d = a - b;
            return d * d;
          },
          (a, b) -> {
            int d = a - b;
            return d * d;
          })
    };
  }
}
