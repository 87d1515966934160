package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramCacheTest {
  @TempDir Path dir;

  /** Builds and runs {@link OpenClRuntimeTest#AXPB}; returns {compiled, fromDisk}. */
  private int[] buildAndRun() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.of(new ProgramCache(dir)));
        ClBuffer x = runtime.allocate("x", 4 * 4);
        ClBuffer y = runtime.allocate("y", 4 * 4);
        ClKernel kernel = runtime.program(OpenClRuntimeTest.AXPB, "").kernel("axpb")) {
      x.write(new float[] {1, 2, 3, 4});
      kernel.arg(0, x).arg(1, y).arg(2, 2f).arg(3, -1f).arg(4, 4);
      kernel.enqueue(new long[] {4}, null);
      float[] out = new float[4];
      y.read(out);
      assertArrayEquals(new float[] {1, 3, 5, 7}, out);
      return new int[] {runtime.programsCompiled(), runtime.programsFromDisk()};
    }
  }

  private Path onlyEntry() throws IOException {
    try (var files = Files.list(dir)) {
      var entries = files.filter(f -> f.toString().endsWith(".clbin")).toList();
      assertEquals(1, entries.size(), entries.toString());
      return entries.get(0);
    }
  }

  @Test
  void theSecondStartLoadsTheBinaryInsteadOfCompiling() {
    assertArrayEquals(new int[] {1, 0}, buildAndRun());
    assertArrayEquals(new int[] {0, 1}, buildAndRun());
  }

  @Test
  void aCorruptEntryIsDetectedAndRebuilt() throws IOException {
    buildAndRun();
    Path entry = onlyEntry();
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 1] ^= 0x5A;
    Files.write(entry, bytes);
    assertArrayEquals(new int[] {1, 0}, buildAndRun());
    assertArrayEquals(new int[] {0, 1}, buildAndRun());
  }

  @Test
  void aTruncatedEntryIsDetectedAndRebuilt() throws IOException {
    buildAndRun();
    Path entry = onlyEntry();
    byte[] bytes = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertArrayEquals(new int[] {1, 0}, buildAndRun());
    assertArrayEquals(new int[] {0, 1}, buildAndRun());
  }

  @Test
  void aBinaryTheDriverRefusesIsEvictedAndRebuilt() {
    DeviceInfo device;
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty())) {
      device = runtime.device();
    }
    // A well-formed entry (valid checksum) whose payload is not a program binary: a stale entry.
    String descriptor = ProgramCache.descriptor(device, "", OpenClRuntimeTest.AXPB);
    new ProgramCache(dir)
        .store(
            descriptor, "not a program binary".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(new ProgramCache(dir).load(descriptor).isPresent());
    assertArrayEquals(new int[] {1, 0}, buildAndRun());
    assertArrayEquals(new int[] {0, 1}, buildAndRun());
  }

  @Test
  void anEntryOfAnotherDescriptorUnderThisNameIsNotTrusted() throws IOException {
    ProgramCache cache = new ProgramCache(dir);
    cache.store("device A", new byte[] {1, 2, 3});
    // Renamed (or hash-colliding) file: right name, wrong descriptor inside.
    Files.move(cache.file(ProgramCache.key("device A")), cache.file(ProgramCache.key("device B")));
    assertTrue(cache.load("device B").isEmpty());
    assertTrue(Files.notExists(cache.file(ProgramCache.key("device B"))));
    assertArrayEquals(new byte[] {1, 2, 3}, storeAndLoad(cache, "device A", new byte[] {1, 2, 3}));
  }

  private static byte[] storeAndLoad(ProgramCache cache, String descriptor, byte[] binary) {
    cache.store(descriptor, binary);
    return cache.load(descriptor).orElseThrow();
  }

  @Test
  void theKeyDependsOnDeviceDriverOptionsAndSource() {
    DeviceInfo a =
        new DeviceInfo(
            0,
            "P",
            "OpenCL 3.0",
            "D",
            "V",
            "1.0",
            "OpenCL 3.0",
            true,
            java.util.Set.of(),
            1,
            1,
            1,
            1);
    DeviceInfo newerDriver =
        new DeviceInfo(
            0,
            "P",
            "OpenCL 3.0",
            "D",
            "V",
            "1.1",
            "OpenCL 3.0",
            true,
            java.util.Set.of(),
            1,
            1,
            1,
            1);
    String base = ProgramCache.key(ProgramCache.descriptor(a, "", "src"));
    assertEquals(base, ProgramCache.key(ProgramCache.descriptor(a, "", "src")));
    assertNotEquals(base, ProgramCache.key(ProgramCache.descriptor(newerDriver, "", "src")));
    assertNotEquals(base, ProgramCache.key(ProgramCache.descriptor(a, "-O0", "src")));
    assertNotEquals(base, ProgramCache.key(ProgramCache.descriptor(a, "", "src ")));
  }
}
