package io.jlite.conformance.gen;

import io.jlite.conformance.CaseRunner;
import io.jlite.conformance.ConformanceBackend;
import io.jlite.conformance.gen.ConvSpecs.Image;
import io.jlite.conformance.gen.ConvSpecs.Window;
import io.jlite.conformance.gen.Gen.Act;
import io.jlite.conformance.gen.Gen.Pad;
import net.jqwik.api.Example;

/**
 * Shrunk counterexamples the convolution properties found, kept as fixed cases (they build the
 * generators' configuration records, which live in this package). Each runs on every backend.
 */
class ConvRegressionExamples {
  /**
   * MediaPipe's Convolution2DTransposeBias with SAME padding at stride 2 on a 1-pixel input is 1
   * wide, not 2 (its own size rule); the generator first declared the TRANSPOSE_CONV size.
   */
  @Example
  void transposeConvBiasSameOnOnePixel() {
    Window w = new Window(1, 1, 1, 2, 1, 1, Pad.SAME);
    check(new ConvSpecs.TransposeConvCase(new Image(1, 1, 1, 1), w, 1, true, 0).build(true));
  }

  /**
   * SAME padding with a kernel wider than the input: the smallest case that catches SAME handled as
   * VALID in CONV_2D (found by flipping it on purpose: output width 0 instead of 1).
   */
  @Example
  void conv2DSameKernelWiderThanInput() {
    Window w = new Window(1, 2, 1, 1, 1, 1, Pad.SAME);
    check(new ConvSpecs.Conv(new Image(1, 1, 1, 1), w, 1, Act.NONE, 0).build());
  }

  private static void check(io.jlite.conformance.ConformanceCase c) {
    for (ConformanceBackend b : ConformanceBackend.available()) {
      CaseRunner.assertMatches(c, b);
    }
  }
}
