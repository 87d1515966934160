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
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MediaPipe models (the four of the GPU issues, and detectors and landmark models of the holistic
 * and objectron packages) end to end on OpenGL ES against the reference interpreter, on the same
 * seeded inputs, under the GPU backends' shared rule ({@link ReferenceComparison}; its fp16 bounds
 * for the FP16 runs); also: work on the GPU, no buffer left once the interpreter closes, and the
 * same answer from a second run. Each case runs with tensors in SSBOs and again with the device
 * tensors in image textures ({@link GlesOptions#withTextures}), which must then hold some tensors.
 */
class MediaPipeOnGlesTest {
  @TempDir Path programCache;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("face_detection_short_range", Precision.FP32),
        Arguments.of("selfie_segmentation", Precision.FP32),
        Arguments.of("hand_landmark_lite", Precision.FP32),
        Arguments.of("pose_landmark_lite", Precision.FP32),
        Arguments.of("pose_detection", Precision.FP32),
        Arguments.of("palm_detection_lite", Precision.FP32),
        Arguments.of("face_landmark", Precision.FP32),
        Arguments.of("object_detection_3d_cup", Precision.FP32),
        Arguments.of("face_detection_short_range", Precision.FP16),
        Arguments.of("selfie_segmentation", Precision.FP16),
        Arguments.of("hand_landmark_lite", Precision.FP16));
  }

  @ParameterizedTest
  @MethodSource("models")
  void matchesTheReferenceInterpreter(String model, Precision precision) {
    check(model, precision, false);
  }

  @ParameterizedTest
  @MethodSource("models")
  void matchesTheReferenceInterpreterWithTextures(String model, Precision precision) {
    check(model, precision, true);
  }

  private void check(String model, Precision precision, boolean textures) {
    boolean half = precision == Precision.FP16;
    Graph graph = ModelLoader.standard().load(ModelCatalog.standard().path(model));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 7);
    List<NdArray> reference = ReferenceComparison.referenceOutputs(graph, inputs);
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    try (GlesDelegate gles =
        new GlesDelegate(
            GlesOptions.defaults()
                .withProgramCache(programCache)
                .withPrecision(precision)
                .withTextures(textures))) {
      try (Interpreter interpreter =
          new Interpreter(graph, new Interpreter.Options().addDelegate(gles))) {
        assertTrue(gles.gpuPartitions() > 0, model + ": nothing ran on OpenGL ES");
        System.out.printf(
            "%s %s%s: %d partitions on OpenGL ES, %d programs, %d textures%n",
            model,
            precision,
            textures ? " textures" : "",
            gles.gpuPartitions(),
            gles.programsCompiled(),
            gles.liveTextures());
        assertEquals(textures, gles.liveTextures() > 0, model + ": textures in use");
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
      assertEquals(
          0, gles.liveDeviceBuffers(), model + ": buffers or textures left after the interpreter");
    }
  }
}
