package io.jlite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How often the suite picks each backend (see {@link ConformanceBackend#weight()}). */
class ConformanceBackendTest {
  private static int weight(String name, Tolerance.Precision precision) {
    return new ConformanceBackend(name, Optional.empty(), precision).weight();
  }

  @Test
  void theCheapBackendsWeighSixTheCostlyOrRepeatingOnesOne() {
    assertEquals(6, weight("cpu", Tolerance.Precision.FP32));
    assertEquals(6, weight("gles", Tolerance.Precision.FP32));
    assertEquals(1, weight("opencl", Tolerance.Precision.FP32));
    assertEquals(1, weight("gles-textures", Tolerance.Precision.FP32));
    assertEquals(1, weight("gles-fp16", Tolerance.Precision.FP16));
    assertEquals(1, weight("gles-textures-fp16", Tolerance.Precision.FP16));
  }

  @Test
  void theTexturesBackendIsFoundWithItsFp16Variant() {
    assertEquals("gles-textures", ConformanceBackend.named("gles-textures").name());
    assertEquals(
        Tolerance.Precision.FP16, ConformanceBackend.named("gles-textures-fp16").precision());
  }
}
