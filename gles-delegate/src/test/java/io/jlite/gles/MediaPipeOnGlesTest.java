package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four MediaPipe models end to end on OpenGL ES against the reference interpreter, on the same
 * seeded inputs: each output element within {@code 1e-3 + 1e-3·|reference|} (fp32; single ops
 * differ by a few ulp through summation order, and that grows over tens of layers), work on the
 * GPU, no buffer left once the interpreter closes, and the same answer from a second run.
 */
class MediaPipeOnGlesTest {
  private static final double ABSOLUTE = 1e-3;
  private static final double RELATIVE = 1e-3;

  @TempDir Path programCache;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "face_detection_short_range",
        "selfie_segmentation",
        "hand_landmark_lite",
        "pose_landmark_lite"
      })
  void matchesTheReferenceInterpreter(String model) {
    Graph graph = ModelLoader.standard().load(ModelCatalog.standard().path(model));
    List<NdArray> inputs = seededInputs(graph, new Random(7));
    List<NdArray> reference;
    try (Interpreter cpu = new Interpreter(graph, new Interpreter.Options())) {
      reference = cpu.runRaw(inputs);
    }
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    try (GlesDelegate gles =
        new GlesDelegate(GlesOptions.defaults().withProgramCache(programCache))) {
      try (Interpreter interpreter =
          new Interpreter(graph, new Interpreter.Options().addDelegate(gles))) {
        assertTrue(gles.gpuPartitions() > 0, model + ": nothing ran on OpenGL ES");
        List<NdArray> first = interpreter.runRaw(inputs);
        List<NdArray> second = interpreter.runRaw(inputs);
        assertEquals(reference.size(), first.size());
        for (int i = 0; i < reference.size(); i++) {
          assertWithinTolerance(model + " output " + i, reference.get(i), first.get(i));
          assertEquals(
              List.of(first.get(i).shape(), java.util.Arrays.toString(first.get(i).floats())),
              List.of(second.get(i).shape(), java.util.Arrays.toString(second.get(i).floats())),
              model + " output " + i + " changed between runs");
        }
      }
      assertEquals(0, gles.liveDeviceBuffers(), model + ": buffers left after the interpreter");
    }
  }

  private static List<NdArray> seededInputs(Graph graph, Random random) {
    return graph.inputs().stream()
        .map(
            t -> {
              TensorSpec spec = graph.tensor(t);
              float[] data = new float[spec.shape().size()];
              for (int i = 0; i < data.length; i++) {
                data[i] = 2 * random.nextFloat() - 1;
              }
              return NdArray.of(spec.shape(), data);
            })
        .toList();
  }

  private static void assertWithinTolerance(String what, NdArray expected, NdArray actual) {
    assertEquals(expected.shape(), actual.shape(), what + " shape");
    float[] e = expected.floats();
    float[] a = actual.floats();
    double maxError = 0;
    for (int i = 0; i < e.length; i++) {
      double error = Math.abs((double) a[i] - e[i]);
      maxError = Math.max(maxError, error);
      // Written so that NaN on either side fails.
      if (!(error <= ABSOLUTE + RELATIVE * Math.abs(e[i]))) {
        throw new AssertionError(
            what + " element " + i + ": OpenGL ES " + a[i] + ", reference " + e[i]);
      }
    }
    System.out.printf("%s: max abs error %.3g%n", what, maxError);
  }
}
