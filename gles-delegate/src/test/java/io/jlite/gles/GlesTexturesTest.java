package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.GpuUnavailableException;
import io.jlite.Interpreter;
import io.jlite.gles.lwjgl.LwjglBinding;
import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.testing.FaultPlan;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import io.jlite.ops.Logistic;
import io.jlite.ops.Tanh;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tensors in image textures on the real driver under limits smaller than its own (reported through
 * {@link FaultyBinding#reporting}): with no image units or 1-texel textures everything stays an
 * SSBO, with two units some kernels keep images and others fall back, and each way the model
 * matches the reference interpreter. Also: textures are deleted with their partition (a soak), an
 * out-of-memory texture is a typed fault that leaves nothing behind, and the context refuses a
 * texture beyond {@code GL_MAX_TEXTURE_SIZE}.
 */
class GlesTexturesTest {
  @TempDir static Path programCache;

  private static final Graph FACE =
      ModelLoader.standard().load(ModelCatalog.standard().path("face_detection_short_range"));

  @BeforeEach
  void needsADriver() {
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
  }

  /**
   * input (1x40x40x3, converted on the device since two kernels read it) → TANH and LOGISTIC, the
   * two outputs (each written to its host buffer by its kernel): a device-only PHWC4 tensor, the
   * converted input, and no constant.
   */
  private static Graph smallGraph() {
    GraphBuilder g = new GraphBuilder(11);
    int x = g.input(1, 40, 40, 3);
    int tanh = g.op("TANH", new Tanh(), x);
    int logistic = g.op("LOGISTIC", new Logistic(), x);
    return g.build(tanh, logistic);
  }

  private static GlesDelegate delegate(GlesBinding binding) {
    return new GlesDelegate(
        GlesOptions.defaults().withProgramCache(programCache).withTextures(true), binding);
  }

  /**
   * Runs {@code graph} with textures on through {@code binding}, asserts every output matches the
   * reference and returns the textures the delegate held while the interpreter was open.
   */
  private static int texturesWhileMatching(Graph graph, GlesBinding binding) {
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 7);
    List<NdArray> reference = ReferenceComparison.referenceOutputs(graph, inputs);
    try (GlesDelegate gles = delegate(binding)) {
      int textures;
      try (Interpreter interpreter =
          new Interpreter(graph, new Interpreter.Options().addDelegate(gles))) {
        assertEquals(1, gles.gpuPartitions());
        textures = gles.liveTextures();
        List<NdArray> actual = interpreter.runRaw(inputs);
        for (int i = 0; i < reference.size(); i++) {
          ReferenceComparison.assertMatchesReference("face", i, reference.get(i), actual.get(i));
        }
      }
      assertEquals(0, gles.liveDeviceBuffers(), "buffers or textures left");
      return textures;
    }
  }

  private static GlesBinding limited(int name, int value) {
    return FaultyBinding.reporting(new LwjglBinding(), Map.of(name, value));
  }

  @Test
  void withoutImageUnitsOrRoomForATexelEveryTensorStaysABuffer() {
    assertEquals(0, texturesWhileMatching(FACE, limited(Gl.GL_MAX_COMPUTE_IMAGE_UNIFORMS, 0)));
    assertEquals(0, texturesWhileMatching(FACE, limited(Gl.GL_MAX_TEXTURE_SIZE, 1)));
  }

  @Test
  void twoImageUnitsMixBuffersAndImagesInOneModel() {
    // hand_landmark_lite: since face_detection_short_range's heads write its outputs in place, none
    // of its tensors is touched only by kernels binding two tensors.
    Graph hand = ModelLoader.standard().load(ModelCatalog.standard().path("hand_landmark_lite"));
    int unlimited = texturesWhileMatching(hand, new LwjglBinding());
    int two = texturesWhileMatching(hand, limited(Gl.GL_MAX_IMAGE_UNITS, 2));
    System.out.printf(
        "hand_landmark_lite textures: %d with the driver's limits, %d with 2 units%n",
        unlimited, two);
    // ADDs bind three tensors and fall back; convolutions bind two and keep their images.
    assertTrue(two > 0 && two < unlimited, two + " of " + unlimited);
  }

  @Test
  void texturesGoWithTheirPartitionOverManyInterpreters() {
    Graph graph = smallGraph();
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 3);
    float[] expected = ReferenceComparison.referenceOutputs(graph, inputs).get(0).floats();
    int contexts = GlesContext.openContexts();
    for (int d = 0; d < 3; d++) {
      try (GlesDelegate gles = delegate(new LwjglBinding())) {
        int objects = -1;
        for (int i = 0; i < 10; i++) {
          try (Interpreter interpreter =
              new Interpreter(graph, new Interpreter.Options().addDelegate(gles))) {
            assertTrue(gles.liveTextures() > 0, "no texture in use");
            assertArrayEquals(expected, interpreter.runRaw(inputs).get(0).floats(), 1e-5f);
          }
          assertEquals(0, gles.liveTextures(), "textures after interpreter " + i);
          assertEquals(0, gles.liveDeviceBuffers(), "buffers after interpreter " + i);
          if (objects < 0) {
            objects = gles.liveDeviceObjects(); // the programs kept for reuse
          }
          assertEquals(objects, gles.liveDeviceObjects(), "objects after interpreter " + i);
        }
      }
      assertEquals(contexts, GlesContext.openContexts());
    }
  }

  @Test
  void anOutOfMemoryTextureIsATypedFaultAndLeavesNothing() {
    Graph graph = smallGraph();
    FaultPlan faults = new FaultPlan();
    try (GlesDelegate gles = delegate(FaultyBinding.over(new LwjglBinding(), faults))) {
      new Interpreter(graph, new Interpreter.Options().addDelegate(gles)).close();
      // SSBOs come first, then textures; there is no constant to need a buffer after them, so
      // the last allocation is a texture.
      int allocations = faults.calls(DriverCall.ALLOCATE);
      faults.arm(DriverCall.ALLOCATE, Gl.GL_OUT_OF_MEMORY, allocations - 1, 1);
      GpuFaultException e =
          assertThrows(
              GpuFaultException.class,
              () -> new Interpreter(graph, new Interpreter.Options().addDelegate(gles)));
      assertEquals(1, faults.injected());
      assertTrue(e.getMessage().contains("texture"), e.getMessage());
      assertTrue(e.getMessage().contains("GL_OUT_OF_MEMORY"), e.getMessage());
      assertEquals(
          0, gles.liveDeviceBuffers(), "the partition's buffers and textures were released");
    }
  }

  @Test
  void theContextRefusesATextureBeyondTheDriversSize() {
    try (GlesContext context = TestContexts.open()) {
      int max = context.info().maxTextureSize();
      assertTrue(max >= 2048, "ES 3.1 guarantees 2048, got " + max);
      assertTrue(context.info().maxImageUnits() >= 4, context.info().toString());
      GpuUnavailableException e =
          assertThrows(
              GpuUnavailableException.class,
              () -> context.allocateTexture("too wide", max + 1, 1, false));
      assertTrue(e.getMessage().contains("GL_MAX_TEXTURE_SIZE"), e.getMessage());
      try (GlesTexture t = context.allocateTexture("fits", max, 1, true)) {
        assertEquals(1, context.liveTextures());
        assertEquals((long) max * 4 * 2, t.bytes());
      }
      assertEquals(0, context.liveTextures());
    }
  }
}
