package io.jlite.gles;

import io.jlite.gpu.memory.MemoryStrategy;
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
 */
public record GlesOptions(
    Optional<Path> programCache, boolean fallbackToCpu, MemoryStrategy memory) {
  public GlesOptions {
    Objects.requireNonNull(programCache, "programCache");
    Objects.requireNonNull(memory, "memory");
  }

  /**
   * The default program cache directory, no CPU fallback, {@link MemoryStrategy#deviceDefault()}.
   */
  public static GlesOptions defaults() {
    return new GlesOptions(
        Optional.of(GlesContext.defaultProgramCache()), false, MemoryStrategy.deviceDefault());
  }

  public GlesOptions withProgramCache(Path directory) {
    return new GlesOptions(Optional.of(directory), fallbackToCpu, memory);
  }

  public GlesOptions withoutProgramCache() {
    return new GlesOptions(Optional.empty(), fallbackToCpu, memory);
  }

  public GlesOptions withFallbackToCpu(boolean fallback) {
    return new GlesOptions(programCache, fallback, memory);
  }

  public GlesOptions withMemory(MemoryStrategy strategy) {
    return new GlesOptions(programCache, fallbackToCpu, strategy);
  }
}
