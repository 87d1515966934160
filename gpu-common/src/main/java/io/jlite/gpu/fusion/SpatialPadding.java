package io.jlite.gpu.fusion;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;

/** The zero PAD of H and W that {@link PaddedConv} and {@link PaddedPool} apply before their op. */
final class SpatialPadding {
  private SpatialPadding() {}

  /** {@code x} (NHWC) with zero rows above and below and zero columns left and right. */
  static NdArray pad(NdArray x, int top, int bottom, int left, int right) {
    Shape s = x.shape();
    if (s.rank() != 4) {
      throw new ShapeMismatchException("merged PAD needs a rank-4 input, got " + s);
    }
    Shape padded = Shape.of(s.dim(0), s.dim(1) + top + bottom, s.dim(2) + left + right, s.dim(3));
    float[] out = new float[padded.size()];
    float[] in = x.floats();
    for (int b = 0; b < s.dim(0); b++) {
      for (int y = 0; y < s.dim(1); y++) {
        for (int xx = 0; xx < s.dim(2); xx++) {
          System.arraycopy(
              in, s.offset(b, y, xx, 0), out, padded.offset(b, y + top, xx + left, 0), s.dim(3));
        }
      }
    }
    return NdArray.of(padded, out);
  }

  /** Rejects negative merged paddings. */
  static void check(int top, int bottom, int left, int right) {
    if (top < 0 || bottom < 0 || left < 0 || right < 0) {
      throw new IllegalArgumentException("negative merged padding");
    }
  }
}
