package io.jlite.ops;

import io.jlite.ir.NdArray;
import org.tensorflow.lite.schema.GeluOptionsT;

/**
 * GELU: the Gaussian error linear unit {@code out = x · Φ(x)}, elementwise on a FLOAT32 or FLOAT16
 * input, in the two forms of TFLite's reference kernel:
 *
 * <ul>
 *   <li>exact ({@code approximate = false}): {@code out = 0.5 · x · erfc(-x / √2)}, which is {@code
 *       0.5 · x · (1 + erf(x / √2))} written without the cancellation for very negative x;
 *   <li>{@code approximate = true}: {@code out = 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 ·
 *       x³)))}.
 * </ul>
 *
 * Products and sums are in float in TFLite's order; {@code erfc} and {@code tanh} are computed in
 * double (see {@link #erfc}) and rounded to float.
 *
 * @param approximate use the tanh form
 */
public record Gelu(boolean approximate) implements Op {
  /** {@code M_SQRT1_2} of C's math.h: 1/√2. */
  private static final double SQRT1_2 = 0.7071067811865476;

  /** {@code M_2_SQRTPI} of C's math.h: 2/√π. */
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

  /** √(2/π) rounded to float, as TFLite's {@code kSqrt2dPi}. */
  private static final float SQRT_2_OVER_PI = (float) (TWO_OVER_SQRT_PI * SQRT1_2);

  private static final float NEG_SQRT1_2 = (float) -SQRT1_2;

  /** Depth of the continued fraction for erfc(x), x ≥ 2: enough for double precision there. */
  private static final int CONTINUED_FRACTION_DEPTH = 60;

  static Gelu create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    GeluOptionsT options = ctx.options(GeluOptionsT.class, GeluOptionsT::new);
    return new Gelu(options.getApproximate());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], approximate ? Gelu::tanhForm : Gelu::erfForm)};
  }

  static float erfForm(float x) {
    return 0.5f * x * (float) erfc(x * NEG_SQRT1_2);
  }

  static float tanhForm(float x) {
    return 0.5f * x * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (x + 0.044715f * x * x * x)));
  }

  /**
   * The complementary error function {@code erfc(x) = 1 - erf(x) = (2/√π) ∫_x^∞ e^{-t²} dt} in
   * double, with a relative error of order 1e-14 (the float result needs 6e-8):
   *
   * <ul>
   *   <li>{@code x < 0}: {@code erfc(x) = 2 - erfc(-x)};
   *   <li>{@code 0 ≤ x < 2}: {@code 1 - erf(x)}, with erf from the series of Abramowitz and Stegun
   *       7.1.6, {@code erf(x) = (2/√π) e^{-x²} Σ_{n≥0} 2ⁿ x^{2n+1} / (1·3·5···(2n+1))}, whose
   *       terms are all positive; the subtraction loses at most 3 of 16 digits since {@code erfc(2)
   *       > 0.004};
   *   <li>{@code x ≥ 2}: the continued fraction of Abramowitz and Stegun 7.1.14 (Laplace's), {@code
   *       erfc(x) = (e^{-x²}/√π) / (x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...))))}, evaluated from a
   *       fixed depth upwards.
   * </ul>
   *
   * NaN gives NaN, {@code erfc(+∞) = 0}, {@code erfc(-∞) = 2}.
   */
  static double erfc(double x) {
    if (x < 0) {
      return 2 - erfc(-x);
    }
    if (x < 2) {
      double term = x;
      double sum = x;
      for (int n = 1; term > 1e-17 * sum; n++) {
        term *= 2 * x * x / (2 * n + 1);
        sum += term;
      }
      return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }
    double fraction = x;
    for (int k = CONTINUED_FRACTION_DEPTH; k >= 1; k--) {
      fraction = x + (k / 2.0) / fraction;
    }
    return Math.exp(-x * x) / (Math.sqrt(Math.PI) * fraction);
  }
}
