package io.jlite.gles;

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
 * @param autotune time candidate workgroup sizes of every kernel on the device and use the fastest
 *     (gpu-common's {@link io.jlite.gpu.workgroup.WorkgroupTuner}); winners are kept in {@code
 *     programCache/workgroups}, so only the first start pays. Off: gpu-common's table and heuristic
 */
public record GlesOptions(Optional<Path> programCache, boolean fallbackToCpu, boolean autotune) {
  public GlesOptions {
    Objects.requireNonNull(programCache, "programCache");
  }

  /** The default program cache directory, no CPU fallback, no autotuning. */
  public static GlesOptions defaults() {
    return new GlesOptions(Optional.of(GlesContext.defaultProgramCache()), false, false);
  }

  public GlesOptions withProgramCache(Path directory) {
    return new GlesOptions(Optional.of(directory), fallbackToCpu, autotune);
  }

  public GlesOptions withoutProgramCache() {
    return new GlesOptions(Optional.empty(), fallbackToCpu, autotune);
  }

  public GlesOptions withFallbackToCpu(boolean fallback) {
    return new GlesOptions(programCache, fallback, autotune);
  }

  public GlesOptions withAutotune(boolean tune) {
    return new GlesOptions(programCache, fallbackToCpu, tune);
  }
}
