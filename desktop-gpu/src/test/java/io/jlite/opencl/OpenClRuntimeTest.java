package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.GpuUnavailableException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenClRuntimeTest {
  static final String AXPB =
      """
      __kernel void axpb(__global const float* x, __global float* y, float a, float b, int n) {
        int i = get_global_id(0);
        if (i < n) y[i] = a * x[i] + b;
      }
      """;

  @Test
  void runsAKernelOnTheSelectedDevice() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty());
        ClBuffer x = runtime.allocate("x", 4 * 100);
        ClBuffer y = runtime.allocate("y", 4 * 100);
        ClKernel kernel = runtime.program(AXPB, "").kernel("axpb")) {
      float[] input = new float[100];
      float[] expected = new float[100];
      for (int i = 0; i < input.length; i++) {
        input[i] = i - 50;
        expected[i] = 0.5f * input[i] + 3;
      }
      x.write(input);
      kernel.arg(0, x).arg(1, y).arg(2, 0.5f).arg(3, 3f).arg(4, 100);
      // 100 items in groups of 32: the launch is rounded up to 128 and the kernel guards the rest.
      kernel.enqueue(new long[] {100}, new long[] {32});
      float[] output = new float[100];
      y.read(output);
      assertArrayEquals(expected, output);
    }
  }

  @Test
  void countsLiveObjectsAndReleasesLeftoversOnClose() {
    OpenClRuntime runtime = TestDevices.open(Optional.empty());
    ClBuffer a = runtime.allocate("a", 16);
    ClBuffer b = runtime.allocate("b", 16);
    ClProgram program = runtime.program(AXPB, "");
    ClKernel kernel = program.kernel("axpb");
    assertEquals(2, runtime.liveBuffers());
    assertEquals(4, runtime.liveObjects());
    a.close();
    a.close();
    kernel.close();
    assertEquals(1, runtime.liveBuffers());
    assertEquals(2, runtime.liveObjects());
    runtime.close();
    assertEquals(0, runtime.liveObjects());
    assertThrows(IllegalStateException.class, () -> b.write(new float[4]));
    runtime.close();
  }

  @Test
  void buildsEachSourceOnce() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty())) {
      ClProgram first = runtime.program(AXPB, "");
      assertSame(first, runtime.program(AXPB, ""));
      assertEquals(1, runtime.programsCompiled());
      runtime.program(AXPB, "-cl-fast-relaxed-math");
      assertEquals(2, runtime.programsCompiled());
    }
  }

  @Test
  void aBuildErrorCarriesTheCompilerLog() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty())) {
      String broken = "__kernel void broken(__global float* y) { y[0] = undeclared_name; }";
      ProgramBuildException e =
          assertThrows(ProgramBuildException.class, () -> runtime.program(broken, ""));
      assertTrue(e.buildLog().contains("undeclared_name"), e.buildLog());
      assertTrue(e.getMessage().contains(runtime.device().name()), e.getMessage());
      assertTrue(e.getMessage().contains("kernels [broken]"), e.getMessage());
      assertEquals(0, runtime.liveObjects());
    }
  }

  @Test
  void aBufferLargerThanTheDeviceAllowsIsOutOfMemory() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty())) {
      long tooBig = runtime.device().maxAllocBytes() + 1;
      GpuUnavailableException e =
          assertThrows(GpuUnavailableException.class, () -> runtime.allocate("huge", tooBig));
      assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
      assertTrue(e.getMessage().contains("huge"), e.getMessage());
      assertEquals(0, runtime.liveBuffers());
    }
  }

  @Test
  void writingMoreThanTheBufferHoldsIsRejected() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty());
        ClBuffer small = runtime.allocate("small", 8)) {
      assertThrows(IllegalArgumentException.class, () -> small.write(new float[3]));
    }
  }

  @Test
  void selectsDevicesByIndexOrName() {
    TestDevices.requireDevice();
    List<DeviceInfo> devices = OpenClDevices.all();
    DeviceInfo last = devices.get(devices.size() - 1);
    assertEquals(last, OpenClDevices.select(Optional.of("" + last.index())).info());
    String namePart =
        last.name().substring(0, Math.min(6, last.name().length())).toUpperCase(Locale.ROOT);
    assertTrue(
        OpenClDevices.select(Optional.of(namePart))
            .info()
            .name()
            .toUpperCase(Locale.ROOT)
            .contains(namePart));
    GpuUnavailableException e =
        assertThrows(
            GpuUnavailableException.class,
            () -> OpenClDevices.select(Optional.of("no-such-device-xyz")));
    assertTrue(e.getMessage().contains(last.name()), e.getMessage());
    assertFalse(last.cacheKey().isBlank());
  }

  @Test
  void aStartedDownloadIsTakenFromPinnedHostMemoryWhichCloseReleases() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty())) {
      ClBuffer buffer = runtime.allocate("out", 8 * Float.BYTES);
      float[] written = {1, 2, 3, 4, 5, 6, 7, 8};
      buffer.write(written);
      int before = runtime.liveObjects();
      buffer.startDownload(8);
      assertEquals(before + 1, runtime.liveObjects(), "the buffer's staging memory");
      // The staged copy is of the buffer as it was when the download started.
      buffer.write(new float[8]);
      float[] staged = new float[8];
      buffer.download(staged);
      assertArrayEquals(written, staged);
      // Nothing staged any more: a download reads the buffer itself.
      float[] direct = new float[8];
      direct[0] = -1;
      buffer.download(direct);
      assertArrayEquals(new float[8], direct);
      // More than was staged: read directly too.
      buffer.write(written);
      buffer.startDownload(4);
      float[] all = new float[8];
      buffer.download(all);
      assertArrayEquals(written, all);
      buffer.close();
      assertEquals(before - 1, runtime.liveObjects(), "the buffer and its staging memory released");
    }
  }
}
