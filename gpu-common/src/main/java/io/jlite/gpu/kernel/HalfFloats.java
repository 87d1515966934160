package io.jlite.gpu.kernel;

/**
 * IEEE 754 half-precision bits of floats that a half holds exactly (Java 17 has no {@code
 * Float.floatToFloat16}): which constants can be stored in 16 bits with no change to a result.
 */
public final class HalfFloats {
  private HalfFloats() {}

  /** Whether {@code f} is a half exactly: ±0, a finite half, normal or subnormal. */
  public static boolean exact(float f) {
    if (f == 0 || Float.isNaN(f) || Float.isInfinite(f)) {
      return f == 0;
    }
    int bits = Float.floatToRawIntBits(f);
    int exponent = ((bits >>> 23) & 0xff) - 127;
    int mantissa = bits & 0x7fffff;
    if (exponent > 15) {
      return false;
    }
    if (exponent >= -14) {
      return (mantissa & 0x1fff) == 0; // a normal half keeps the top 10 of the 23 mantissa bits
    }
    // A subnormal half is k · 2^-24 with 0 < k < 1024.
    if (exponent < -24) {
      return false;
    }
    int dropped = 13 + (-14 - exponent); // mantissa bits below the half's last subnormal bit
    return (mantissa & ((1 << dropped) - 1)) == 0;
  }

  /**
   * The half bits of {@code f}.
   *
   * @throws IllegalArgumentException if {@code f} is not {@link #exact}
   */
  public static short bits(float f) {
    if (!exact(f)) {
      throw new IllegalArgumentException(f + " is not exact in 16 bits");
    }
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    if (f == 0) {
      return (short) sign;
    }
    int exponent = ((bits >>> 23) & 0xff) - 127;
    int mantissa = bits & 0x7fffff;
    if (exponent >= -14) {
      return (short) (sign | ((exponent + 15) << 10) | (mantissa >>> 13));
    }
    int full = mantissa | 0x800000; // the implicit leading one
    return (short) (sign | (full >>> (13 + (-14 - exponent))));
  }
}
