package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
   * End-to-end fp32 tolerance: {@code |gpu - cpu| <= ATOL + RTOL * |cpu|} per element. Errors of
   * single ops (a few ulp: different summation order in convolutions) grow over tens of layers.
   */
  static final double ATOL = 1e-3;

  static final double RTOL = 1e-3;

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
        assertTrue(gpu.gpuPartitions() >= 1, name + ": no partition on the GPU");
        List<NdArray> actual = interpreter.runRaw(inputs);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
          assertClose(name + " output " + i, expected.get(i), actual.get(i));
        }
        // A second run on the same buffers gives the same answer.
        assertClose(name + " second run", expected.get(0), interpreter.runRaw(inputs).get(0));
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

  static void assertClose(String what, NdArray expected, NdArray actual) {
    assertEquals(expected.shape(), actual.shape(), what);
    float[] e = expected.floats();
    float[] a = actual.floats();
    double worst = 0;
    int worstAt = -1;
    for (int i = 0; i < e.length; i++) {
      double excess = Math.abs(a[i] - e[i]) - (ATOL + RTOL * Math.abs(e[i]));
      if (!(excess <= worst) || Float.isNaN(a[i]) != Float.isNaN(e[i])) {
        worst = Float.isNaN(a[i]) ? Double.POSITIVE_INFINITY : excess;
        worstAt = i;
      }
    }
    if (worstAt >= 0) {
      throw new AssertionError(
          what
              + ": element "
              + worstAt
              + " is "
              + a[worstAt]
              + ", the reference "
              + e[worstAt]
              + " (tolerance "
              + ATOL
              + " + "
              + RTOL
              + "·|reference|)");
    }
  }
}
