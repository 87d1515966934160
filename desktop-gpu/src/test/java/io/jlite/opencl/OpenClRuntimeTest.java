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

  /** Each item spins long enough that a copy not waiting for the kernel would see old values. */
  static final String SLOW_FILL =
      """
      __kernel void slow_fill(__global float* y, float value, int spins) {
        int i = get_global_id(0);
        float v = value;
        for (int k = 0; k < spins; k++) v = v * 1.0000001f + 0.0f;
        y[i] = i + (v >= value ? value : -1.0f);
      }
      """;

  @Test
  void aStartedDownloadWaitsForEarlierKernelsAndIsTakenFromPinnedHostMemory() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty());
        ClBuffer other = runtime.allocate("other", 8 * Float.BYTES);
        ClKernel fill = runtime.program(SLOW_FILL, "").kernel("slow_fill")) {
      ClBuffer buffer = runtime.allocate("out", 8 * Float.BYTES);
      float[] written = {1, 2, 3, 4, 5, 6, 7, 8};
      buffer.write(written);
      int before = runtime.liveObjects();
      buffer.startDownload(8);
      assertEquals(before + 1, runtime.liveObjects(), "the buffer's staging memory");
      float[] staged = new float[8];
      buffer.download(staged);
      assertArrayEquals(written, staged);

      // An early copy runs on the download queue, after the kernels enqueued before it: it sees
      // the slow kernel's values, though a kernel enqueued after it (on another buffer) still runs.
      fill.arg(0, buffer).arg(1, 100f).arg(2, 200_000);
      fill.enqueue(new long[] {8}, new long[] {8});
      buffer.startEarlyDownload(8);
      fill.arg(0, other).arg(1, 7f);
      fill.enqueue(new long[] {8}, new long[] {8});
      float[] filled = new float[8];
      buffer.download(filled);
      assertArrayEquals(new float[] {100, 101, 102, 103, 104, 105, 106, 107}, filled);
      // A plain one is in the kernels' queue order.
      fill.arg(0, buffer).arg(1, 50f);
      fill.enqueue(new long[] {8}, new long[] {8});
      buffer.startDownload(8);
      buffer.download(filled);
      assertArrayEquals(new float[] {50, 51, 52, 53, 54, 55, 56, 57}, filled);

      // Nothing staged any more: a download reads the buffer itself.
      buffer.write(written);
      float[] direct = new float[8];
      buffer.download(direct);
      assertArrayEquals(written, direct);
      // More than was staged: read directly too.
      buffer.startDownload(4);
      float[] all = new float[8];
      buffer.download(all);
      assertArrayEquals(written, all);
      buffer.close();
      assertEquals(before - 1, runtime.liveObjects(), "the buffer and its staging memory released");
    }
  }
}
