package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.GpuUnavailableException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine without an OpenCL platform gets a {@link GpuUnavailableException} that says what to
 * install, not a crash. Runs a child JVM whose ICD loader sees an empty vendor directory.
 */
class NoPlatformTest {
  /** Entry point of the child JVM: prints what opening a runtime does. */
  public static void main(String[] args) {
    try (OpenClRuntime runtime = OpenClRuntime.open(Optional.empty(), Optional.empty())) {
      System.out.println("OPENED " + runtime.device().describe());
    } catch (GpuUnavailableException e) {
      System.out.println("UNAVAILABLE " + e.getMessage());
    }
  }

  @Test
  void noPlatformIsAGpuUnavailableExceptionWithAHint(@TempDir Path emptyVendors)
      throws IOException, InterruptedException {
    Process child = withVendors(emptyVendors).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("UNAVAILABLE OpenCL:"), output);
    assertTrue(output.contains("install"), output);
  }

  /** A child JVM running {@link #main} whose ICD loader reads vendors from {@code vendors}. */
  private static ProcessBuilder withVendors(Path vendors) {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                NoPlatformTest.class.getName())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // ocl-icd reads vendor ICDs from OCL_ICD_VENDORS instead of /etc/OpenCL/vendors.
    builder.environment().put("OCL_ICD_VENDORS", vendors.toString());
    return builder;
  }
}
