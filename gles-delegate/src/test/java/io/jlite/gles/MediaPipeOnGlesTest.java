package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import io.jlite.runtime.ConstantFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four MediaPipe models end to end on OpenGL ES against the reference interpreter, on the same
 * seeded inputs, with the conformance suite's fp32 rule ({@code conformance/…/Tolerance.java},
 * where the measurements behind it are): an output's largest error at most {@code 1e-4 × max(1,
 * max|reference|)}, and pose's ill-conditioned segmentation logits (output 2) compared as the
 * sigmoid mask within {@code 1e-2}. Also: the whole model on the GPU, no buffer left once the
 * interpreter closes, and the same answer from a second run.
 */
class MediaPipeOnGlesTest {
  private static final double FP32_RELATIVE = 1e-4;
  private static final double MASK_ABSOLUTE = 1e-2;

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
    // Constant-folded, so that the convolutions' fp16 weights are constants the planner claims.
    Graph graph =
        ConstantFolder.fold(ModelLoader.standard().load(ModelCatalog.standard().path(model)));
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
        System.out.printf(
            "%s: %d partitions on OpenGL ES, %d programs%n",
            model, gles.gpuPartitions(), gles.programsCompiled());
        List<NdArray> first = interpreter.runRaw(inputs);
        List<NdArray> second = interpreter.runRaw(inputs);
        assertEquals(reference.size(), first.size());
        for (int i = 0; i < reference.size(); i++) {
          boolean mask = model.startsWith("pose_landmark") && i == 2;
          assertWithinTolerance(model + " output " + i, reference.get(i), first.get(i), mask);
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

  private static void assertWithinTolerance(
      String what, NdArray expected, NdArray actual, boolean asMask) {
    assertEquals(expected.shape(), actual.shape(), what + " shape");
    float[] e = expected.floats();
    float[] a = actual.floats();
    double scale = 1;
    for (float v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    double bound = asMask ? MASK_ABSOLUTE : FP32_RELATIVE * scale;
    double maxError = 0;
    for (int i = 0; i < e.length; i++) {
      double error =
          asMask ? Math.abs(sigmoid(a[i]) - sigmoid(e[i])) : Math.abs((double) a[i] - e[i]);
      maxError = Math.max(maxError, error);
      // Written so that NaN on either side fails.
      if (!(error <= bound)) {
        throw new AssertionError(
            what
                + " element "
                + i
                + ": OpenGL ES "
                + a[i]
                + ", reference "
                + e[i]
                + " (bound "
                + bound
                + (asMask ? " on the sigmoid" : "")
                + ")");
      }
    }
    System.out.printf("%s: max abs error %.3g (bound %.3g)%n", what, maxError, bound);
  }

  private static double sigmoid(float x) {
    return 1 / (1 + Math.exp(-(double) x));
  }
}
