package io.jlite.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {

  private static float half(int bits) {
    return Float16.toFloat((short) bits);
  }

  @Test
  void knownBitPatterns() {
    assertEquals(1f, half(0x3C00)); // exponent 15 - 15 = 0, mantissa 0
    assertEquals(-2f, half(0xC000)); // sign, exponent 16 - 15 = 1
    assertEquals(0.5f, half(0x3800)); // exponent 14 - 15 = -1
    assertEquals(65504f, half(0x7BFF)); // (1 + 1023/1024) · 2^15, the largest half
    assertEquals(1365f / 4096, half(0x3555)); // (1 + 341/1024) · 2^-2 = 1365/4096
    assertEquals(0x1p-14f, half(0x0400)); // the smallest normal half
    assertEquals(1023 * 0x1p-24f, half(0x03FF)); // the largest subnormal: 1023 · 2^-24
    assertEquals(0x1p-24f, half(0x0001)); // the smallest subnormal: 2^-24 = 5.9604645e-8
    assertEquals(-0x1p-24f, half(0x8001));
    assertEquals(Float.POSITIVE_INFINITY, half(0x7C00));
    assertEquals(Float.NEGATIVE_INFINITY, half(0xFC00));
    assertTrue(Float.isNaN(half(0x7E00)));
    assertTrue(Float.isNaN(half(0x7C01)));
    // signed zeros (assertEquals on floats compares bits, so -0 is told from +0)
    assertEquals(0f, half(0x0000));
    assertEquals(-0f, half(0x8000));
  }

  /**
   * Every one of the 65536 patterns against the definition: (-1)^s · 2^(e-15) · (1 + m/1024) for 1
   * ≤ e ≤ 30, (-1)^s · 2^-14 · m/1024 for e = 0; e = 31 is infinity (m = 0) or NaN.
   */
  @Test
  void everyPatternMatchesTheDefinition() {
    for (int bits = 0; bits < 0x10000; bits++) {
      int s = bits >> 15;
      int e = (bits >> 10) & 0x1f;
      int m = bits & 0x3ff;
      float actual = half(bits);
      if (e == 31) {
        assertTrue(m == 0 ? Float.isInfinite(actual) : Float.isNaN(actual), "bits " + bits);
        continue;
      }
      double magnitude = e == 0 ? Math.scalb(m / 1024.0, -14) : Math.scalb(1 + m / 1024.0, e - 15);
      double expected = s == 1 ? -magnitude : magnitude;
      assertEquals((float) expected, actual, "bits " + Integer.toHexString(bits));
      assertEquals(expected, actual, 0.0, "exact, bits " + Integer.toHexString(bits));
    }
  }
}
