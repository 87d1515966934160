package io.jlite.gpu.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.GpuUnavailableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuFallbackTest {
  private static final System.Logger LOG = System.getLogger(GpuFallbackTest.class.getName());

  private static String noDevice() {
    throw new GpuUnavailableException("no platform");
  }

  @Test
  void aMissingDeviceThrowsWithoutFallbackAndIsEmptyWithIt() {
    GpuUnavailableException thrown =
        assertThrows(
            GpuUnavailableException.class,
            () -> new GpuFallback("OpenCL", false, LOG).openDevice(GpuFallbackTest::noDevice));
    assertEquals("no platform", thrown.getMessage());
    assertEquals(
        Optional.empty(),
        new GpuFallback("OpenCL", true, LOG).openDevice(GpuFallbackTest::noDevice));
  }

  @Test
  void aDeviceThatOpensIsReturnedEitherWay() {
    String device = "device";
    for (boolean fallback : new boolean[] {false, true}) {
      assertSame(device, new GpuFallback("OpenCL", fallback, LOG).openDevice(() -> device).get());
    }
  }

  @Test
  void otherFailuresAreNotMistakenForAMissingDevice() {
    GpuFallback fallback = new GpuFallback("OpenCL", true, LOG);
    assertThrows(
        IllegalStateException.class,
        () ->
            fallback.openDevice(
                () -> {
                  throw new IllegalStateException("a bug, not a missing GPU");
                }));
  }
}
