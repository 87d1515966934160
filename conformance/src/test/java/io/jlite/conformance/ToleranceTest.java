package io.jlite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ToleranceTest {
  @Test
  void boundScalesWithTheLargestExpectedMagnitude() {
    // max|expected| = 10, bound = 1e-4 * 10 = 1e-3; the worst error is 9e-4 at element 1.
    float[] expected = {0.5f, -2f, 10f};
    Tolerance.Comparison c =
        Tolerance.assertFp32Close("out", expected, new float[] {0.5f, -2.0009f, 10f});
    assertEquals(1, c.worstIndex());
    assertEquals(1e-3, c.bound(), 1e-12);
    assertEquals(9e-4, c.maxAbsError(), 1e-6);

    // An error of 1.1e-3 at element 2 exceeds it; the message names output, element and bound.
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () ->
                Tolerance.assertFp32Close(
                    "output 0 'x'", expected, new float[] {0.5f, -2f, 10.0011f}));
    assertTrue(e.getMessage().startsWith("output 0 'x': max abs error 0.00109"), e.getMessage());
    assertTrue(e.getMessage().contains("at element 2"), e.getMessage());
    assertTrue(e.getMessage().contains("bound 0.00100000"), e.getMessage());
  }

  @Test
  void smallOutputsGetTheAbsoluteFloor() {
    // max|expected| = 0.001 < 1, so the bound is 1e-4 * 1: an error of 5e-5 passes, 2e-4 fails.
    Tolerance.assertFp32Close("out", new float[] {0.001f}, new float[] {0.00105f});
    assertThrows(
        AssertionFailedError.class,
        () -> Tolerance.assertFp32Close("out", new float[] {0.001f}, new float[] {0.0012f}));
  }

  @Test
  void nanAndLengthMismatchesFail() {
    assertThrows(
        AssertionFailedError.class,
        () -> Tolerance.assertFp32Close("out", new float[] {1f, 2f}, new float[] {1f, Float.NaN}));
    assertThrows(
        AssertionFailedError.class,
        () -> Tolerance.assertFp32Close("out", new float[] {1f, 2f}, new float[] {1f}));
    Tolerance.assertFp32Close("out", new float[] {Float.NaN}, new float[] {Float.NaN});
  }
}
