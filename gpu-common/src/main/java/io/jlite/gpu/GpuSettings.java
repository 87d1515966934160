package io.jlite.gpu;

import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.Precision;
import java.util.Objects;

/**
 * The delegate options every GPU backend understands, so that a caller that finds backends by name
 * ({@code jlite run --backend opencl --precision fp16}) sets them once for all of them through
 * {@link GpuDelegateProvider#create(GpuSettings)}. Each backend's own options record (OpenCL's,
 * GLES's) holds these and more.
 *
 * @param precision how tensors are stored on the device
 * @param memory how intermediate tensors share device buffers
 * @param autotune time candidate workgroup sizes on the device instead of the table and heuristic
 * @param profiling time every kernel on the device; a backend that cannot refuses it (see {@link
 *     GpuDelegateProvider#create(GpuSettings)})
 */
public record GpuSettings(
    Precision precision, MemoryStrategy memory, boolean autotune, boolean profiling) {
  public GpuSettings {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(memory, "memory");
  }

  /**
   * What the backends use when not told otherwise: fp32, the device default strategy, no tuning.
   */
  public static GpuSettings defaults() {
    return new GpuSettings(Precision.FP32, MemoryStrategy.deviceDefault(), false, false);
  }

  /** These settings with tensors stored in {@code p}. */
  public GpuSettings withPrecision(Precision p) {
    return new GpuSettings(p, memory, autotune, profiling);
  }
}
