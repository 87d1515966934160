package io.jlite.gles;

import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.Precision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a {@link GlesDelegate}: the OpenCL delegate's options that apply to OpenGL ES.
 * Immutable; the {@code with…} methods return changed copies. (No device option: EGL picks the
 * display, see {@link io.jlite.gles.lwjgl.LwjglBinding}.)
 *
 * @param programCache where linked program binaries are kept between runs; empty: compile on every
 *     start
 * @param fallbackToCpu when GLES cannot run (no driver, a shader the driver rejects, out of
 *     memory), log a warning and run on the reference CPU instead of throwing {@link
 *     io.jlite.GpuUnavailableException}
 * @param memory how intermediate tensors share SSBOs (shared objects; {@code NAIVE}: one per
 *     tensor)
 * @param precision how tensors are stored ({@link Precision#FP16}: two halves per {@code uint}
 *     through {@code packHalf2x16}, arithmetic in 32-bit {@code highp})
 * @param autotune time candidate workgroup sizes of every kernel on the device and use the fastest
 *     (gpu-common's {@link io.jlite.gpu.workgroup.WorkgroupTuner}); winners are kept in {@code
 *     programCache/workgroups}, so only the first start pays. Off: gpu-common's table and heuristic
 * @param textures keep the tensors that only kernels touch in image textures ({@code image2D},
 *     {@code rgba32f} or {@code rgba16f}) instead of SSBOs, where the driver's texture size and
 *     image unit limits allow (tensors the host copies, and constants, stay SSBOs); default {@link
 *     #DEFAULT_TEXTURES}
 */
public record GlesOptions(
    Optional<Path> programCache,
    boolean fallbackToCpu,
    MemoryStrategy memory,
    Precision precision,
    boolean autotune,
    boolean textures) {
  /**
   * Whether {@link #defaults()} keeps tensors in textures: off until measured to help on the
   * devices that matter (see the module README).
   */
  public static final boolean DEFAULT_TEXTURES = false;

  public GlesOptions {
    Objects.requireNonNull(programCache, "programCache");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(precision, "precision");
  }

  /**
   * The default program cache directory, no CPU fallback, {@link MemoryStrategy#deviceDefault()},
   * fp32, no autotuning, {@link #DEFAULT_TEXTURES}.
   */
  public static GlesOptions defaults() {
    return new GlesOptions(
        Optional.of(GlesContext.defaultProgramCache()),
        false,
        MemoryStrategy.deviceDefault(),
        Precision.FP32,
        false,
        DEFAULT_TEXTURES);
  }

  public GlesOptions withProgramCache(Path directory) {
    return new GlesOptions(
        Optional.of(directory), fallbackToCpu, memory, precision, autotune, textures);
  }

  public GlesOptions withoutProgramCache() {
    return new GlesOptions(Optional.empty(), fallbackToCpu, memory, precision, autotune, textures);
  }

  public GlesOptions withFallbackToCpu(boolean fallback) {
    return new GlesOptions(programCache, fallback, memory, precision, autotune, textures);
  }

  public GlesOptions withMemory(MemoryStrategy strategy) {
    return new GlesOptions(programCache, fallbackToCpu, strategy, precision, autotune, textures);
  }

  public GlesOptions withPrecision(Precision p) {
    return new GlesOptions(programCache, fallbackToCpu, memory, p, autotune, textures);
  }

  public GlesOptions withAutotune(boolean tune) {
    return new GlesOptions(programCache, fallbackToCpu, memory, precision, tune, textures);
  }

  /** These options with tensors in image textures where allowed ({@code true}) or in SSBOs. */
  public GlesOptions withTextures(boolean images) {
    return new GlesOptions(programCache, fallbackToCpu, memory, precision, autotune, images);
  }
}
