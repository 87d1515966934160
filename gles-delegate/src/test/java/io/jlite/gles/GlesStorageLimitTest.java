package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.gles.lwjgl.LwjglBinding;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import io.jlite.ops.Activation;
import io.jlite.ops.Concatenation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A driver with only the storage buffers OpenGL ES 3.1 guarantees (4 per compute shader, reported
 * through {@link FaultyBinding#reporting}): the delegate fuses and claims only kernels within the
 * limit, every shader it compiles declares at most that many buffers, and the model still matches
 * the reference interpreter. (llvmpipe itself allows more, so the limit is checked in the sources.)
 */
class GlesStorageLimitTest {
  private static final Pattern BUFFER = Pattern.compile("layout\\(std430, binding = \\d+\\)");

  @BeforeEach
  void needsADriver() {
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
  }

  /** The shader sources {@code binding} is given, recorded into {@code sources}. */
  private static GlesBinding recording(GlesBinding binding, List<String> sources) {
    return (GlesBinding)
        Proxy.newProxyInstance(
            GlesBinding.class.getClassLoader(),
            new Class<?>[] {GlesBinding.class},
            (proxy, method, args) -> {
              if (method.getName().equals("shaderSource")) {
                sources.add((String) args[1]);
              }
              try {
                return method.invoke(binding, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static int buffers(String source) {
    Matcher m = BUFFER.matcher(source);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Runs face detection through {@code binding}; returns the most buffers one shader declared. */
  private static int mostBuffersWhileMatching(GlesBinding binding, List<String> sources) {
    Graph graph =
        ModelLoader.standard().load(ModelCatalog.standard().path("face_detection_short_range"));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 5);
    List<NdArray> reference = ReferenceComparison.referenceOutputs(graph, inputs);
    try (GlesDelegate gles =
            new GlesDelegate(GlesOptions.defaults().withoutProgramCache(), binding);
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gles))) {
      List<NdArray> actual = interpreter.runRaw(inputs);
      for (int i = 0; i < reference.size(); i++) {
        ReferenceComparison.assertMatchesReference("face", i, reference.get(i), actual.get(i));
      }
      assertTrue(gles.gpuPartitions() >= 1);
    }
    return sources.stream().mapToInt(GlesStorageLimitTest::buffers).max().orElse(0);
  }

  @Test
  void withTheMinimumOfFourStorageBuffersNoShaderDeclaresMore() {
    List<String> unlimited = new ArrayList<>();
    int most = mostBuffersWhileMatching(recording(new LwjglBinding(), unlimited), unlimited);
    // Without a limit, fusion builds kernels with more (convolution + residual ADD: 5).
    assertTrue(most > 4, "the model has kernels beyond the ES minimum: " + most);

    List<String> four = new ArrayList<>();
    GlesBinding limited =
        FaultyBinding.reporting(
            new LwjglBinding(), Map.of(Gl.GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS, 4));
    assertEquals(4, mostBuffersWhileMatching(recording(limited, four), four));
  }

  @Test
  void anOpNeedingMoreBuffersThanTheDriverHasStaysOnTheCpu() {
    // CONCATENATION of four tensors: five buffers.
    GraphBuilder g = new GraphBuilder(2);
    int[] in = new int[4];
    for (int i = 0; i < in.length; i++) {
      in[i] = g.input(1, 3, 3, 2);
    }
    Graph graph = g.build(g.op("CONCATENATION", new Concatenation(3, Activation.NONE), in));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 1);
    for (int blocks : new int[] {4, 5}) {
      GlesBinding binding =
          FaultyBinding.reporting(
              new LwjglBinding(), Map.of(Gl.GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS, blocks));
      try (GlesDelegate gles =
              new GlesDelegate(GlesOptions.defaults().withoutProgramCache(), binding);
          Interpreter cpu = new Interpreter(graph, new Interpreter.Options());
          Interpreter interpreter =
              new Interpreter(graph, new Interpreter.Options().addDelegate(gles))) {
        ReferenceComparison.assertMatchesReference(
            "concat", 0, cpu.runRaw(inputs).get(0), interpreter.runRaw(inputs).get(0));
        assertEquals(blocks == 4 ? 0 : 1, gles.gpuPartitions(), blocks + " storage blocks");
      }
    }
  }
}
