package io.jlite.ir;

import java.util.List;

/**
 * Affine quantization of a tensor: {@code real = scale * (q - zeroPoint)}, per tensor (one scale)
 * or per channel along {@code quantizedDimension}. Empty lists mean "not quantized".
 */
public record Quantization(List<Float> scales, List<Long> zeroPoints, int quantizedDimension) {
  public static final Quantization NONE = new Quantization(List.of(), List.of(), 0);

  public Quantization {
    scales = List.copyOf(scales);
    zeroPoints = List.copyOf(zeroPoints);
  }

  public boolean isQuantized() {
    return !scales.isEmpty();
  }
}
