package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.Interpreter;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four MediaPipe models end to end on OpenCL, against the reference interpreter on the same
 * seeded inputs: every output within the fp32 tolerance, the ops on the GPU, no buffer left behind.
 */
class MediaPipeModelsTest {
  /**
   * End-to-end fp32 bound: {@code |gpu - cpu| <= SCALED * max(1, max |cpu|)} per output, the
   * conformance suite's whole-model rule ({@code conformance/…/Tolerance}) with ten times its
   * bound: the GPU sums convolutions in another order and the difference grows over a hundred
   * kernels.
   */
  static final double SCALED = 1e-3;

  /**
   * The pose models' segmentation logits (output 2) are ill-conditioned (one ulp of input moves
   * them by 0.4 in TFLite itself); like the conformance suite, they are compared as the sigmoid
   * mask users consume, within this absolute bound.
   */
  static final double MASK = 1e-2;

  @TempDir Path cacheDir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "face_detection_short_range",
        "selfie_segmentation",
        "hand_landmark_lite",
        "pose_landmark_lite"
      })
  void matchesTheReference(String name) {
    TestDevices.requireDevice();
    Graph graph = ModelLoader.standard().load(ModelCatalog.standard().path(name));
    List<NdArray> inputs = randomInputs(graph, 42);
    List<NdArray> expected;
    try (Interpreter cpu = new Interpreter(graph, new Interpreter.Options())) {
      expected = cpu.runRaw(inputs);
    }
    OpenClOptions options = OpenClOptions.defaults().withProgramCache(cacheDir);
    try (OpenClDelegate gpu = new OpenClDelegate(options)) {
      try (Interpreter interpreter =
          new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
        // Every op of these models has a template, and the fp16 DEQUANTIZE of the weights is
        // folded: the whole model is one GPU partition, one host sync per run.
        assertEquals(1, interpreter.delegatePartitionCount(), name + ": partitions");
        List<NdArray> actual = interpreter.runRaw(inputs);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
          boolean mask = name.startsWith("pose_landmark") && i == 2;
          assertClose(name + " output " + i, expected.get(i), actual.get(i), mask);
        }
        // A second run on the same buffers gives the same answer.
        assertClose(
            name + " second run", expected.get(0), interpreter.runRaw(inputs).get(0), false);
      }
      assertEquals(
          0, gpu.liveDeviceBuffers(), name + ": buffers leaked after the interpreter closed");
    }
  }

  static List<NdArray> randomInputs(Graph graph, long seed) {
    Random random = new Random(seed);
    List<NdArray> inputs = new ArrayList<>();
    for (int t : graph.inputs()) {
      TensorSpec spec = graph.tensor(t);
      float[] data = new float[spec.shape().size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = random.nextFloat() * 2 - 1;
      }
      inputs.add(NdArray.of(spec.shape(), data));
    }
    return inputs;
  }

  /**
   * Checks {@code actual} against {@code expected} with {@link #SCALED} or, as a mask, {@link
   * #MASK}.
   */
  static void assertClose(String what, NdArray expected, NdArray actual, boolean asMask) {
    assertEquals(expected.shape(), actual.shape(), what);
    float[] e = expected.floats();
    float[] a = actual.floats();
    double scale = 1;
    for (float v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    double bound = asMask ? MASK : SCALED * scale;
    int worstAt = -1;
    double worst = -1;
    for (int i = 0; i < e.length; i++) {
      double error =
          asMask ? Math.abs(sigmoid(a[i]) - sigmoid(e[i])) : Math.abs((double) a[i] - e[i]);
      if (Double.isNaN(error) || error > worst) {
        worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
        worstAt = i;
      }
    }
    if (worst > bound) {
      throw new AssertionError(
          what
              + ": element "
              + worstAt
              + " is "
              + a[worstAt]
              + ", the reference "
              + e[worstAt]
              + (asMask ? " (sigmoid error " : " (error ")
              + worst
              + " > bound "
              + bound
              + ")");
    }
  }

  private static double sigmoid(float x) {
    return 1 / (1 + Math.exp(-(double) x));
  }
}
