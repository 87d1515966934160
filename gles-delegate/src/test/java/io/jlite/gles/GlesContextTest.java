package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.GpuUnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlesContextTest {
  private static final String ADD_ONE =
      """
      #version 310 es
      layout(local_size_x = 4) in;
      layout(std430, binding = 0) readonly buffer In { float src[]; };
      layout(std430, binding = 1) writeonly buffer Out { float dst[]; };
      void main() {
        uint i = gl_GlobalInvocationID.x;
        dst[i] = src[i] * 2.0 + 1.0;
      }
      """;

  private GlesContext context;

  @BeforeEach
  void open() {
    context = TestContexts.open();
  }

  @AfterEach
  void close() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void reportsAnEs31DriverWithComputeLimits() {
    GlesDeviceInfo info = context.info();
    assertTrue(GlesDeviceInfo.esVersion(info.version()) >= 31, info.version());
    // OpenGL ES 3.1 guarantees at least these (spec table 20.45).
    assertTrue(info.maxInvocations() >= 128, "invocations " + info.maxInvocations());
    assertTrue(info.maxWorkgroupX() >= 128);
    assertTrue(info.maxStorageBlocks() >= 4);
    assertTrue(info.maxStorageBlockBytes() >= 1 << 27);
  }

  @Test
  void aComputeShaderRunsOverStorageBuffers() {
    float[] input = new float[16];
    float[] expected = new float[16];
    for (int i = 0; i < input.length; i++) {
      input[i] = i - 7.5f;
      expected[i] = input[i] * 2 + 1;
    }
    try (GlesBuffer src = context.allocate("src", 64);
        GlesBuffer dst = context.allocate("dst", 64);
        GlesProgram program = context.program("add_one", ADD_ONE)) {
      src.write(input);
      program.dispatch(List.of(src, dst), 4, 1, 1);
      float[] output = new float[16];
      dst.read(output);
      assertArrayEquals(expected, output);
    }
  }

  @Test
  void countsLiveObjectsAndCloseReleasesLeftovers() {
    assertEquals(0, context.liveObjects());
    GlesBuffer a = context.allocate("a", 16);
    GlesBuffer b = context.allocate("b", 16);
    context.program("add_one", ADD_ONE);
    assertEquals(3, context.liveObjects());
    a.close();
    a.close();
    assertEquals(2, context.liveObjects());
    context.close();
    // Leftovers were released with the context: using one now is a clear error, not a GL crash.
    assertThrows(IllegalStateException.class, () -> b.write(new float[1]));
  }

  @Test
  void aCompileErrorCarriesTheInfoLog() {
    ShaderBuildException e =
        assertThrows(
            ShaderBuildException.class,
            () ->
                context.program(
                    "broken", ADD_ONE.replace("src[i] * 2.0", "src[i] * undefinedName")));
    assertTrue(e.getMessage().contains("'broken'"), e.getMessage());
    assertTrue(e.infoLog().contains("undefinedName"), e.infoLog());
    assertEquals(0, context.liveObjects());
  }

  @Test
  void aBufferLargerThanAShaderCanBindIsOutOfMemory() {
    long tooLarge = context.info().maxStorageBlockBytes() + 1;
    GpuUnavailableException e =
        assertThrows(GpuUnavailableException.class, () -> context.allocate("huge", tooLarge));
    assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
    assertEquals(0, context.liveObjects());
  }

  @Test
  void writingMoreThanTheBufferHoldsIsRefused() {
    try (GlesBuffer small = context.allocate("small", 8)) {
      assertThrows(IllegalArgumentException.class, () -> small.write(new float[3]));
    }
  }

  @Test
  void anotherThreadIsRefusedWithTheRule() throws InterruptedException {
    GlesBuffer buffer = context.allocate("b", 16);
    CompletableFuture<Void> elsewhere =
        CompletableFuture.runAsync(() -> buffer.write(new float[4]));
    ExecutionException e = assertThrows(ExecutionException.class, elsewhere::get);
    assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
    assertTrue(
        e.getCause().getMessage().contains("belong to the thread"), e.getCause().getMessage());
    // The owner still works afterwards.
    buffer.write(new float[4]);
  }
}
