package io.jlite.gpu.templates;

/** Coordinate arithmetic shared by the two resize templates, as the reference ops define it. */
final class ResizeSupport {
  private ResizeSupport() {}

  /** The reference's input-per-output step, {@code ResizeBilinear.scale}. */
  static float scale(int in, int out, boolean alignCorners) {
    return alignCorners && out > 1 ? (float) (in - 1) / (out - 1) : (float) in / out;
  }

  /** The bilinear source coordinate of output coordinate {@code o} (a dialect int). */
  static String source(String o, float scale, boolean halfPixelCenters) {
    return halfPixelCenters
        ? "(float(" + o + ") + 0.5) * " + scale + " - 0.5"
        : "float(" + o + ") * " + scale;
  }
}
