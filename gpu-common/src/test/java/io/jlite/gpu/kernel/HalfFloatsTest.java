package io.jlite.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.loader.Float16;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {
  @Test
  void handWorkedHalves() {
    assertEquals((short) 0x3c00, HalfFloats.bits(1.0f));
    assertEquals((short) 0xc000, HalfFloats.bits(-2.0f));
    assertEquals((short) 0x7bff, HalfFloats.bits(65504f)); // the largest half
    assertEquals((short) 0x0400, HalfFloats.bits(0x1p-14f)); // the smallest normal half
    assertEquals((short) 0x0001, HalfFloats.bits(0x1p-24f)); // the smallest subnormal half
    assertEquals((short) 0x0003, HalfFloats.bits(3 * 0x1p-24f));
    assertEquals((short) 0x8000, HalfFloats.bits(-0.0f));
    assertEquals((short) 0x3555, HalfFloats.bits(0x1.554p-2f)); // 0.333251953125
  }

  @Test
  void floatsNoHalfHolds() {
    assertFalse(HalfFloats.exact(0.1f));
    assertFalse(HalfFloats.exact(65520f)); // rounds to infinity in half
    assertFalse(HalfFloats.exact(0x1p-25f)); // below the smallest subnormal
    assertFalse(HalfFloats.exact(1 + 0x1p-11f)); // one mantissa bit too many
    assertFalse(HalfFloats.exact(Float.NaN));
    assertFalse(HalfFloats.exact(Float.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> HalfFloats.bits(0.1f));
  }

  /**
   * Every finite half, decoded by the model loader's independent decoder, comes back bit for bit.
   */
  @Test
  void everyFiniteHalfRoundTrips() {
    for (int i = 0; i < 0x10000; i++) {
      int h = i;
      if ((h & 0x7c00) == 0x7c00) {
        continue; // infinities and NaNs
      }
      float f = Float16.toFloat((short) h);
      assertTrue(HalfFloats.exact(f), () -> "half " + Integer.toHexString(h));
      assertEquals((short) h, HalfFloats.bits(f), () -> "half " + Integer.toHexString(h));
      if (h < 0x7bff) {
        // Halfway to the next half (exact as a float): no half.
        float between = (f + Float16.toFloat((short) (h + 1))) / 2;
        assertFalse(HalfFloats.exact(between), () -> "between half " + Integer.toHexString(h));
      }
    }
  }
}
