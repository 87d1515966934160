package io.jlite.conformance;

/** IEEE 754 binary16 encoding of floats (Java 17 has no {@code Float.floatToFloat16}). */
final class Float16Bits {
  private Float16Bits() {}

  /**
   * The half nearest to {@code f} (ties to even); overflow gives an infinity, NaN a quiet NaN.
   * Values below the smallest subnormal half round to a signed zero.
   */
  static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
    }
    int e = exponent - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      // Subnormal half: shift the full significand (with its implicit 1) into place.
      int significand = mantissa | 0x800000;
      int shift = 14 - e;
      int half = significand >> shift;
      int rest = significand & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mantissa >> 13);
    int rest = mantissa & 0x1fff;
    // A carry out of the mantissa correctly bumps the exponent (up to infinity).
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
      half++;
    }
    return (short) (sign | half);
  }
}
