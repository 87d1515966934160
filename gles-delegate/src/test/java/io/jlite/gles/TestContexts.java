package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.fail;

import io.jlite.GpuUnavailableException;
import io.jlite.gles.lwjgl.LwjglBinding;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a GLES context for tests. Without EGL/GLES a test is skipped with the reason, except in CI
 * ({@code CI=true}), where run-tests.sh installs Mesa and a missing context is a failure.
 */
public final class TestContexts {
  private TestContexts() {}

  /** A context on the calling thread, or the test is skipped (failed under CI). */
  public static GlesContext open() {
    return open(Optional.empty());
  }

  /** A context with a program cache in {@code cache}, or the test is skipped (failed under CI). */
  public static GlesContext open(Optional<Path> cache) {
    try {
      return GlesContext.open(new LwjglBinding(), cache);
    } catch (GpuUnavailableException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI must have an EGL/GLES 3.1 device (run-tests.sh installs Mesa): " + e.getMessage());
      }
      Assumptions.abort(
          "skipped, no EGL/GLES 3.1 device here (install libegl1 libegl-mesa0 libgles2"
              + " libgl1-mesa-dri libgbm1): "
              + e.getMessage());
      throw e;
    }
  }
}
