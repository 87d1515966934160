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
 */
public record GlesOptions(
    Optional<Path> programCache,
    boolean fallbackToCpu,
    MemoryStrategy memory,
    Precision precision) {
  public GlesOptions {
    Objects.requireNonNull(programCache, "programCache");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(precision, "precision");
  }

  /**
   * The default program cache directory, no CPU fallback, {@link MemoryStrategy#deviceDefault()}.
   */
  public static GlesOptions defaults() {
    return new GlesOptions(
        Optional.of(GlesContext.defaultProgramCache()),
        false,
        MemoryStrategy.deviceDefault(),
        Precision.FP32);
  }

  public GlesOptions withProgramCache(Path directory) {
    return new GlesOptions(Optional.of(directory), fallbackToCpu, memory, precision);
  }

  public GlesOptions withoutProgramCache() {
    return new GlesOptions(Optional.empty(), fallbackToCpu, memory, precision);
  }

  public GlesOptions withFallbackToCpu(boolean fallback) {
    return new GlesOptions(programCache, fallback, memory, precision);
  }

  public GlesOptions withMemory(MemoryStrategy strategy) {
    return new GlesOptions(programCache, fallbackToCpu, strategy, precision);
  }

  public GlesOptions withPrecision(Precision p) {
    return new GlesOptions(programCache, fallbackToCpu, memory, p);
  }
}
