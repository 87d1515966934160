package io.jlite.gpu.plan;

/** How a GPU backend stores tensors (kernels compute in 32-bit floats in both). */
public enum Precision {
  /** 32-bit floats: results within the fp32 tolerances of the reference. */
  FP32,
  /**
   * Tensors stored on the device as 16-bit floats (half the memory traffic), arithmetic in 32-bit;
   * weights stay 32-bit. Results within the fp16 tolerances (11-bit significand per stored value).
   */
  FP16
}
