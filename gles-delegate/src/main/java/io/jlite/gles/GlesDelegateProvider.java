package io.jlite.gles;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;

/** Makes {@link GlesDelegate}s for {@code --backend gles} and the conformance suite. */
public final class GlesDelegateProvider implements GpuDelegateProvider {
  @Override
  public String name() {
    return "gles";
  }

  /** Opens and closes a context on the calling thread: the only sure test of an EGL driver. */
  @Override
  public boolean isAvailable() {
    try {
      new GlesDelegate(GlesOptions.defaults().withoutProgramCache()).close();
      return true;
    } catch (GpuUnavailableException | LinkageError e) {
      return false;
    }
  }

  @Override
  public Delegate create() {
    return new GlesDelegate();
  }

  /**
   * Precision, memory strategy and autotuning apply.
   *
   * @throws IllegalArgumentException for profiling: the GLES delegate has no per-kernel times
   */
  @Override
  public Delegate create(GpuSettings settings) {
    return new GlesDelegate(options(settings));
  }

  /**
   * The default options with {@code settings}' precision, memory strategy and autotuning.
   *
   * @throws IllegalArgumentException for profiling: the GLES delegate has no per-kernel times
   */
  static GlesOptions options(GpuSettings settings) {
    if (settings.profiling()) {
      throw new IllegalArgumentException(
          "the gles backend has no kernel profiling (the opencl backend has)");
    }
    return GlesOptions.defaults()
        .withPrecision(settings.precision())
        .withMemory(settings.memory())
        .withAutotune(settings.autotune());
  }
}
