package io.jlite.conformance;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * The tolerances of the conformance suite, all stated here: per op and per precision for the
 * property tests and {@code jlite run --compare}, and the real-model rules.
 *
 * <p>The rule: an output matches when its largest absolute error is at most {@code relative} ×
 * max(1, max|expected|), with {@code relative} from {@link #relativeBound(String, Precision)}.
 *
 * <p>Real models, FP32: an output matches when its largest absolute error is at most {@value
 * #FP32_RELATIVE} × max(1, max|expected|), the largest magnitude taken over the whole output.
 * Scaling by the output's range, not by each element, lets values that cancel to near zero differ
 * by float rounding; the floor of 1 keeps outputs of tiny values from demanding more than absolute
 * 1e-4. NaN must match NaN, and an infinity the same infinity.
 */
public final class Tolerance {
  /** The arithmetic a backend computes in. */
  public enum Precision {
    /** IEEE single precision storage and arithmetic (the reference CPU, TFLite's CPU kernels). */
    FP32,
    /** Half precision storage or arithmetic (GPU backends in their fast mode). */
    FP16
  }

  /**
   * FP32, ops whose result is a few roundings of exact data movement or one arithmetic operation
   * per element, or short sums (convolutions, pooling, reductions on the small shapes the suite
   * generates): TFLite's XNNPACK kernels sum in another order and may fuse multiply-adds, which
   * moves results by a few ulps of the largest magnitude.
   */
  public static final double FP32_DEFAULT = 1e-5;

  /**
   * FP32, ops that evaluate a transcendental function: TFLite (XNNPACK) uses polynomial
   * approximations accurate to a few ulps, JLite {@link Math} in double precision; softmax adds a
   * sum of exponentials.
   */
  public static final double FP32_TRANSCENDENTAL = 1e-4;

  /** The ops that get {@link #FP32_TRANSCENDENTAL}. */
  static final Set<String> TRANSCENDENTAL =
      Set.of(
          "EXP",
          "LOG",
          "LOGISTIC",
          "TANH",
          "ELU",
          "GELU",
          "SOFTMAX",
          "LOG_SOFTMAX",
          "POW",
          "SIN",
          "COS",
          "RSQRT",
          "SQRT",
          "HARD_SWISH",
          "L2_POOL_2D");

  /**
   * FP16: half precision has an 11-bit significand (relative rounding 4.9e-4 per operation); a
   * result that went through a few roundings and a short sum stays within 2e-3 of the output's
   * range.
   */
  public static final double FP16_DEFAULT = 2e-3;

  /** Like {@link #FP32_TRANSCENDENTAL}: GPU builtins for exp/tanh are approximations. */
  public static final double FP16_TRANSCENDENTAL = 5e-3;

  /**
   * The relative bound for one op's output, in the rule above ({@code relative} × max(1,
   * max|expected|)).
   */
  public static double relativeBound(String opName, Precision precision) {
    boolean transcendental = TRANSCENDENTAL.contains(opName);
    return switch (precision) {
      case FP32 -> transcendental ? FP32_TRANSCENDENTAL : FP32_DEFAULT;
      case FP16 -> transcendental ? FP16_TRANSCENDENTAL : FP16_DEFAULT;
    };
  }

  /**
   * The bound for the output of a graph of several ops: rounding errors add up along a chain, so a
   * graph of n ops gets n times the largest bound of its ops. Beyond tolerance stays far below what
   * a wrong op does (errors of the order of the values themselves).
   */
  public static double relativeBound(Collection<String> opNames, Precision precision) {
    double largest = 0;
    for (String op : opNames) {
      largest = Math.max(largest, relativeBound(op, precision));
    }
    return largest * Math.max(1, opNames.size());
  }

  /** FP32 outputs: relative to the output's largest magnitude (at least 1). */
  static final double FP32_RELATIVE = 1e-4;

  /**
   * Outputs compared after a logistic sigmoid, keyed by model name and output index, with their own
   * absolute bound {@value #SEGMENTATION_MASK_ABSOLUTE}: the segmentation logits of the pose models
   * (MediaPipe turns them into a mask with a sigmoid).
   *
   * <p>Why these need more: the logits are ill-conditioned. Pre-activations reach about 1e3, so
   * float rounding that differs only in summation order grows along about 200 ops. Measured on the
   * test's seeded random inputs: TFLite alone moves {@code pose_landmark_full}'s logits by 0.41
   * (max |logit| 1260) when each input element moves by one ulp; a per-op comparison of all
   * intermediate tensors against TFLite shows no op jumping, only gradual growth from 1e-6 to 1e-4
   * relative; and switching JLite's convolutions from fp32 to fp64 accumulation alone moved the
   * mask by up to 1.9e-3 (mask error vs TFLite 3.8e-3 with fp32 sums, 1.9e-3 with fp64 sums). So
   * fp32 rounding by itself accounts for mask errors of a few 1e-3; {@value
   * #SEGMENTATION_MASK_ABSOLUTE} keeps a margin over that while a wrong op (which moves mask values
   * by 0.1 or more) still fails.
   */
  static final Map<String, Set<Integer>> COMPARED_AS_SIGMOID =
      Map.of(
          "pose_landmark_lite", Set.of(2),
          "pose_landmark_full", Set.of(2),
          "pose_landmark_heavy", Set.of(2));

  /** Absolute bound on the sigmoid masks of {@link #COMPARED_AS_SIGMOID}. */
  static final double SEGMENTATION_MASK_ABSOLUTE = 1e-2;

  private Tolerance() {}

  /** Whether output {@code output} of {@code model} is compared after a sigmoid. */
  static boolean comparedAsSigmoid(String model, int output) {
    return COMPARED_AS_SIGMOID.getOrDefault(model, Set.of()).contains(output);
  }

  /** The logistic sigmoid of each element, in double precision rounded to float. */
  static float[] sigmoid(float[] logits) {
    float[] mask = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      mask[i] = (float) (1 / (1 + Math.exp(-(double) logits[i])));
    }
    return mask;
  }

  /** How far {@code actual} is from {@code expected}, and what the FP32 rule allows. */
  public record Comparison(
      double maxAbsError,
      int worstIndex,
      float expectedAtWorst,
      float actualAtWorst,
      double maxAbsExpected,
      double bound,
      double meanAbsError) {

    public boolean withinBound() {
      return maxAbsError <= bound;
    }
  }

  /** Compares two outputs of the same length element by element under the FP32 rule. */
  static Comparison compareFp32(float[] expected, float[] actual) {
    return compare(expected, actual, FP32_RELATIVE);
  }

  /**
   * Compares two outputs of the same length element by element: the bound is {@code relative} ×
   * max(1, max|expected| over finite values); NaN must meet NaN and an infinity the same infinity.
   */
  public static Comparison compare(float[] expected, float[] actual, double relative) {
    if (expected.length != actual.length) {
      throw new IllegalArgumentException(
          "lengths differ: expected " + expected.length + ", actual " + actual.length);
    }
    double maxAbsExpected = 0;
    for (float e : expected) {
      if (Float.isFinite(e)) {
        maxAbsExpected = Math.max(maxAbsExpected, Math.abs(e));
      }
    }
    double maxError = 0;
    double sumError = 0;
    int worst = -1;
    for (int i = 0; i < expected.length; i++) {
      double error = error(expected[i], actual[i]);
      sumError += error;
      if (error > maxError || worst < 0) {
        maxError = error;
        worst = i;
      }
    }
    double bound = relative * Math.max(1.0, maxAbsExpected);
    return new Comparison(
        maxError,
        worst,
        worst < 0 ? Float.NaN : expected[worst],
        worst < 0 ? Float.NaN : actual[worst],
        maxAbsExpected,
        bound,
        expected.length == 0 ? 0 : sumError / expected.length);
  }

  private static double error(float expected, float actual) {
    if (Float.isNaN(expected) || Float.isNaN(actual)) {
      return Float.isNaN(expected) && Float.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (Float.isInfinite(expected) || Float.isInfinite(actual)) {
      return expected == actual ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs((double) expected - (double) actual);
  }

  /** Asserts that two sigmoid masks differ by at most {@link #SEGMENTATION_MASK_ABSOLUTE}. */
  static Comparison assertMaskClose(String output, float[] expected, float[] actual) {
    Comparison c = compareFp32(expected, actual);
    if (!(c.maxAbsError() <= SEGMENTATION_MASK_ABSOLUTE)) {
      throw new AssertionFailedError(
          String.format(
              Locale.ROOT,
              "%s: max abs error %.6g at element %d (expected %.9g, actual %.9g) exceeds the mask"
                  + " bound %.6g",
              output,
              c.maxAbsError(),
              c.worstIndex(),
              c.expectedAtWorst(),
              c.actualAtWorst(),
              SEGMENTATION_MASK_ABSOLUTE));
    }
    return c;
  }

  /**
   * Asserts the FP32 rule for one output and returns the comparison (for reporting).
   *
   * @param output names the output in the message, e.g. {@code "output 1 'classificators'"}
   */
  static Comparison assertFp32Close(String output, float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionFailedError(
          output + ": expected " + expected.length + " elements, JLite produced " + actual.length);
    }
    Comparison c = compareFp32(expected, actual);
    if (!c.withinBound()) {
      throw new AssertionFailedError(
          String.format(
              Locale.ROOT,
              "%s: max abs error %.6g at element %d (expected %.9g, actual %.9g) exceeds the"
                  + " bound %.6g = %.0e x max(1, max|expected| = %.6g)",
              output,
              c.maxAbsError(),
              c.worstIndex(),
              c.expectedAtWorst(),
              c.actualAtWorst(),
              c.bound(),
              FP32_RELATIVE,
              c.maxAbsExpected()));
    }
    return c;
  }
}
