package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.gpu.plan.Precision;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four MediaPipe models end to end on OpenGL ES against the reference interpreter, on the same
 * seeded inputs, under the GPU backends' shared rule ({@link ReferenceComparison}; its fp16 bounds
 * for the FP16 runs); also: work on the GPU, no buffer left once the interpreter closes, and the
 * same answer from a second run.
 */
class MediaPipeOnGlesTest {
  @TempDir Path programCache;

  @ParameterizedTest
  @CsvSource({
    "face_detection_short_range, FP32",
    "selfie_segmentation, FP32",
    "hand_landmark_lite, FP32",
    "pose_landmark_lite, FP32",
    "face_detection_short_range, FP16",
    "selfie_segmentation, FP16",
    "hand_landmark_lite, FP16"
  })
  void matchesTheReferenceInterpreter(String model, Precision precision) {
    boolean half = precision == Precision.FP16;
    Graph graph = ModelLoader.standard().load(ModelCatalog.standard().path(model));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 7);
    List<NdArray> reference;
    try (Interpreter cpu = new Interpreter(graph, new Interpreter.Options())) {
      reference = cpu.runRaw(inputs);
    }
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    try (GlesDelegate gles =
        new GlesDelegate(
            GlesOptions.defaults().withProgramCache(programCache).withPrecision(precision))) {
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
          ReferenceComparison.assertMatchesReference(
              model, i, reference.get(i), first.get(i), half);
          assertEquals(
              List.of(first.get(i).shape(), java.util.Arrays.toString(first.get(i).floats())),
              List.of(second.get(i).shape(), java.util.Arrays.toString(second.get(i).floats())),
              model + " output " + i + " changed between runs");
        }
      }
      assertEquals(0, gles.liveDeviceBuffers(), model + ": buffers left after the interpreter");
    }
  }
}
