package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import io.jlite.GpuUnavailableException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens the OpenCL device for tests. Without a device a test is skipped with the reason, except in
 * CI ({@code CI=true}), where the setup step installs PoCL and a missing device is a failure.
 */
final class TestDevices {
  private TestDevices() {}

  static OpenClRuntime open(Optional<ProgramCache> cache) {
    requireDevice();
    return OpenClRuntime.open(Optional.empty(), cache);
  }

  static void requireDevice() {
    String reason;
    try {
      if (!OpenClDevices.all().isEmpty()) {
        return;
      }
      reason = "no OpenCL device";
    } catch (GpuUnavailableException e) {
      reason = e.getMessage();
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("CI must have an OpenCL device (run-tests.sh installs PoCL): " + reason);
    }
    Assumptions.abort("skipped, no OpenCL device here (install pocl-opencl-icd): " + reason);
  }
}
