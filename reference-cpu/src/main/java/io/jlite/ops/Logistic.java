package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * LOGISTIC: the sigmoid {@code out = 1 / (1 + e^-x)} in float, elementwise on a FLOAT32 or FLOAT16
 * input, with the two cut-offs of TFLite's reference kernel: above {@value #CUTOFF_UPPER} the
 * result is exactly 1, and below {@value #CUTOFF_LOWER} it is {@code e^x} (the sigmoid's asymptote,
 * within 1.3e-4 relative and 1.6e-8 absolute of it there). Exponentials are computed in double and
 * rounded to float.
 */
public record Logistic() implements Op {
  /** TFLite writes it 16.619047164916992188f: the same float. */
  static final float CUTOFF_UPPER = 16.619047f;

  static final float CUTOFF_LOWER = -9f;

  static Logistic create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    return new Logistic();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], Logistic::logistic)};
  }

  static float logistic(float x) {
    if (x > CUTOFF_UPPER) {
      return 1f;
    }
    if (x < CUTOFF_LOWER) {
      return (float) Math.exp(x);
    }
    return 1f / (1f + (float) Math.exp(-x));
  }
}
