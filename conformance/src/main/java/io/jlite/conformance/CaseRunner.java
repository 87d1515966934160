package io.jlite.conformance;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link ConformanceCase} on TensorFlow Lite (the oracle) and on a backend, and compares
 * every model output under {@link Tolerance}: same shape, values within the bound for the case's
 * ops and the backend's precision.
 */
public final class CaseRunner {
  private CaseRunner() {}

  /**
   * Checks one case on one backend. A case TFLite rejects is a failure too (the generator made an
   * invalid model), reported with TFLite's reason.
   */
  public static Verdict check(ConformanceCase c, ConformanceBackend backend) {
    TfLiteOracle.Result expected;
    try {
      expected = TfLiteOracle.run(c.model(), c.inputs());
    } catch (RuntimeException e) {
      return new Verdict(false, false, "TFLite rejects the case (generator bug?): " + e, 0);
    }
    double relative = Tolerance.relativeBound(c.ops(), backend.precision());
    List<NdArray> actual;
    boolean delegated;
    try (ConformanceBackend.Loaded loaded = backend.load(expected.patchedModel())) {
      delegated = loaded.delegated();
      List<NdArray> in = new ArrayList<>();
      float[][] inputs = c.inputs();
      for (int i = 0; i < inputs.length; i++) {
        in.add(NdArray.of(Shape.of(c.inputShape(i)), inputs[i]));
      }
      actual = loaded.interpreter().runRaw(in);
    } catch (RuntimeException e) {
      return new Verdict(false, false, backend + " throws " + e, 0);
    }
    double worst = 0;
    for (int i = 0; i < expected.outputCount(); i++) {
      int[] wantShape = expected.shapes().get(i);
      NdArray got = actual.get(i);
      String output = "output " + i;
      if (!Arrays.equals(wantShape, got.shape().toArray())) {
        return new Verdict(
            false,
            delegated,
            String.format(
                Locale.ROOT,
                "%s: %s has shape %s, TFLite %s",
                output,
                backend,
                got.shape(),
                Arrays.toString(wantShape)),
            Double.POSITIVE_INFINITY);
      }
      Tolerance.Comparison cmp = Tolerance.compare(expected.values().get(i), floats(got), relative);
      worst = Math.max(worst, cmp.maxAbsError() / Math.max(1, cmp.maxAbsExpected()));
      if (!cmp.withinBound()) {
        return new Verdict(false, delegated, describe(output, backend, cmp, relative), worst);
      }
    }
    return new Verdict(true, delegated, "", worst);
  }

  /** Fails with the verdict's message unless it passed (for property methods). */
  public static void assertMatches(ConformanceCase c, ConformanceBackend backend) {
    Verdict v = check(c, backend);
    if (!v.passed()) {
      throw new AssertionError(v.message());
    }
  }

  /** The values of {@code a} as floats (INT32 outputs such as ARG_MAX's converted). */
  public static float[] floats(NdArray a) {
    if (a.isFloating()) {
      return a.floats();
    }
    int[] ints = a.ints();
    float[] f = new float[ints.length];
    for (int i = 0; i < ints.length; i++) {
      f[i] = ints[i];
    }
    return f;
  }

  static String describe(
      String output, ConformanceBackend backend, Tolerance.Comparison c, double relative) {
    return String.format(
        Locale.ROOT,
        "%s on %s: max abs error %.6g at element %d (TFLite %.9g, %s %.9g), mean %.3g, exceeds"
            + " %.0e x max(1, max|expected| = %.6g)",
        output,
        backend,
        c.maxAbsError(),
        c.worstIndex(),
        c.expectedAtWorst(),
        backend,
        c.actualAtWorst(),
        c.meanAbsError(),
        relative,
        c.maxAbsExpected());
  }
}
