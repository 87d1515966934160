package io.jlite.ops;

/**
 * TFLite's two padding schemes for windowed ops (conv, pooling).
 *
 * <p>VALID: no padding; output = ceil((in - effectiveFilter + 1) / stride). SAME: output = ceil(in
 * / stride), and the total padding {@code max(0, (out - 1) * stride + effectiveFilter - in)} is
 * split with the smaller half before (top/left) and the extra element after, exactly as TFLite's
 * {@code ComputePaddingHeightWidth}.
 */
public enum Padding {
  SAME,
  VALID;

  public static Padding fromSchema(byte code, OpContext context) {
    if (code == org.tensorflow.lite.schema.Padding.SAME) {
      return SAME;
    }
    if (code == org.tensorflow.lite.schema.Padding.VALID) {
      return VALID;
    }
    throw context.formatError("has unknown padding code " + code);
  }

  /** Output size along one spatial axis. */
  public int outputSize(int in, int filter, int stride, int dilation) {
    long effectiveFilter = (long) (filter - 1) * dilation + 1;
    if (this == SAME) {
      return (int) (((long) in + stride - 1) / stride);
    }
    return (int) Math.max(0, ((long) in - effectiveFilter + stride) / stride);
  }

  /** Padding before the first element (top or left) along one spatial axis. */
  public int padBefore(int in, int filter, int stride, int dilation) {
    if (this == VALID) {
      return 0;
    }
    // In long: a hostile filter or stride near 2^31 must not wrap around.
    long effectiveFilter = (long) (filter - 1) * dilation + 1;
    long out = outputSize(in, filter, stride, dilation);
    long total = Math.max(0, (out - 1) * stride + effectiveFilter - in);
    return (int) Math.min(Integer.MAX_VALUE, total / 2);
  }
}
