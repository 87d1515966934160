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
    int effectiveFilter = (filter - 1) * dilation + 1;
    if (this == SAME) {
      return (in + stride - 1) / stride;
    }
    return Math.max(0, (in - effectiveFilter + stride) / stride);
  }

  /** Padding before the first element (top or left) along one spatial axis. */
  public int padBefore(int in, int filter, int stride, int dilation) {
    if (this == VALID) {
      return 0;
    }
    int effectiveFilter = (filter - 1) * dilation + 1;
    int out = outputSize(in, filter, stride, dilation);
    int total = Math.max(0, (out - 1) * stride + effectiveFilter - in);
    return total / 2;
  }
}
