package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jlite.gpu.cache.BinaryCache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramCacheTest {
  static final String SCALE =
      """
      #version 310 es
      layout(local_size_x = 2) in;
      layout(std430, binding = 0) buffer Data { float data[]; };
      void main() { data[gl_GlobalInvocationID.x] *= 3.0; }
      """;

  @TempDir Path dir;

  /** Starts a context, runs {@link #SCALE}, returns {compiled, fromDisk}. */
  private int[] start() {
    try (GlesContext context = TestContexts.open(Optional.of(dir))) {
      Assumptions.assumeTrue(
          context.info().binaryFormats() > 0, "the driver offers no program binary formats");
      try (GlesBuffer data = context.allocate("data", 8)) {
        data.write(new float[] {1.5f, -2f});
        GlesProgram program = context.program("scale", SCALE);
        program.dispatch(List.of(data), 1, 1, 1);
        // Asking again in the same context neither compiles nor loads.
        assertEquals(program, context.program("scale", SCALE));
        float[] out = new float[2];
        data.read(out);
        assertArrayEquals(new float[] {4.5f, -6f}, out);
      }
      return new int[] {context.programsCompiled(), context.programsFromDisk()};
    }
  }

  private Path onlyEntry() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> entries = files.filter(f -> f.toString().endsWith(".glbin")).toList();
      assertEquals(1, entries.size(), entries.toString());
      return entries.get(0);
    }
  }

  @Test
  void theSecondStartLoadsTheBinaryInsteadOfCompiling() {
    assertArrayEquals(new int[] {1, 0}, start());
    assertArrayEquals(new int[] {0, 1}, start());
  }

  @Test
  void aCorruptEntryIsDetectedAndRebuilt() throws IOException {
    start();
    Path entry = onlyEntry();
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 1] ^= 0x5A;
    Files.write(entry, bytes);
    assertArrayEquals(new int[] {1, 0}, start());
    assertArrayEquals(new int[] {0, 1}, start());
  }

  @Test
  void aBinaryTheDriverRefusesIsEvictedAndRebuilt() {
    GlesDeviceInfo info;
    try (GlesContext context = TestContexts.open()) {
      info = context.info();
    }
    // Well-formed (valid checksum) but not a program binary: what a driver update leaves behind.
    byte[] stale = ByteBuffer.allocate(12).putInt(0x1234).putInt(42).putInt(43).array();
    new BinaryCache(dir, "GLES program", ".glbin")
        .store(ProgramBuilder.descriptor(info, SCALE), stale);
    assertArrayEquals(new int[] {1, 0}, start());
    assertArrayEquals(new int[] {0, 1}, start());
  }

  @Test
  void theDescriptorDependsOnDriverAndSource() {
    GlesDeviceInfo a =
        new GlesDeviceInfo(
            "V", "R", "OpenGL ES 3.2 Mesa 22.3.6", "3.20", 1, 1, 1, 1, 1, 1, 1, 2048, 4);
    GlesDeviceInfo newer =
        new GlesDeviceInfo(
            "V", "R", "OpenGL ES 3.2 Mesa 23.0.0", "3.20", 1, 1, 1, 1, 1, 1, 1, 2048, 4);
    String base = ProgramBuilder.descriptor(a, "src");
    assertEquals(base, ProgramBuilder.descriptor(a, "src"));
    assertNotEquals(base, ProgramBuilder.descriptor(newer, "src"));
    assertNotEquals(base, ProgramBuilder.descriptor(a, "src "));
  }
}
