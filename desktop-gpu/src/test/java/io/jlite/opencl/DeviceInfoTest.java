package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the backend derives from a device's description. */
class DeviceInfoTest {
  private static DeviceInfo onPlatform(String platform, String... extensions) {
    return new DeviceInfo(
        0,
        platform,
        "OpenCL 3.0",
        "D",
        "V",
        "1",
        "OpenCL 3.0",
        true,
        Set.of(extensions),
        1,
        1,
        1,
        1);
  }

  @Test
  void onlyNvidiasPlatformTakesInlinePtx() {
    assertTrue(onPlatform("NVIDIA CUDA").acceptsInlinePtx());
    assertFalse(onPlatform("Portable Computing Language").acceptsInlinePtx());
    assertFalse(onPlatform("rusticl").acceptsInlinePtx());
  }

  @Test
  void fp16ArithmeticNeedsTheKhrExtension() {
    assertTrue(onPlatform("P", "cl_khr_fp16", "cl_khr_fp64").supportsFp16());
    assertFalse(onPlatform("P", "cl_khr_fp64").supportsFp16());
  }
}
