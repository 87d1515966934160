package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * MediaPipe models end to end on OpenCL (the four of the desktop GPU issue, and the detectors and
 * landmark models of the holistic and objectron packages), against the reference interpreter on the
 * same seeded inputs: every output within {@link ReferenceComparison}'s rule (its fp16 bounds for
 * the FP16 runs), the ops on the GPU, no buffer left behind.
 */
class MediaPipeModelsTest {
  @TempDir Path cacheDir;

  @ParameterizedTest
  @CsvSource({
    "face_detection_short_range, FP32",
    "selfie_segmentation, FP32",
    "hand_landmark_lite, FP32",
    "pose_landmark_lite, FP32",
    "pose_detection, FP32",
    "palm_detection_lite, FP32",
    "face_landmark, FP32",
    "object_detection_3d_cup, FP32",
    "face_detection_short_range, FP16",
    "selfie_segmentation, FP16",
    "hand_landmark_lite, FP16"
  })
  void matchesTheReference(String name, Precision precision) {
    boolean half = precision == Precision.FP16;
    TestDevices.requireDevice();
    Graph graph = ModelLoader.standard().load(ModelCatalog.standard().path(name));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 42);
    List<NdArray> expected = ReferenceComparison.referenceOutputs(graph, inputs);
    OpenClOptions options =
        OpenClOptions.defaults().withProgramCache(cacheDir).withPrecision(precision);
    try (OpenClDelegate gpu = new OpenClDelegate(options)) {
      try (Interpreter interpreter =
          new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
        // Every op of these models has a template, and the fp16 DEQUANTIZE (and DENSIFY) of the
        // weights is folded: the whole model is one GPU partition, one host sync per run.
        assertEquals(1, interpreter.delegatePartitionCount(), name + ": partitions");
        List<NdArray> actual = interpreter.runRaw(inputs);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
          ReferenceComparison.assertMatchesReference(name, i, expected.get(i), actual.get(i), half);
        }
        // A second run on the same buffers gives the same answer.
        ReferenceComparison.assertMatchesReference(
            name, 0, expected.get(0), interpreter.runRaw(inputs).get(0), half);
      }
      assertEquals(
          0, gpu.liveDeviceBuffers(), name + ": buffers leaked after the interpreter closed");
    }
  }

  /**
   * MediaPipe's models carry fp16 weights: stored in 16 bits they read back as the same floats, so
   * every output is bit for bit the one of 32-bit weights, in half the constant memory, with
   * tensors in 32 or in 16 bits.
   */
  @ParameterizedTest
  @CsvSource({
    "face_detection_short_range, FP32",
    "hand_landmark_lite, FP32",
    "face_detection_short_range, FP16"
  })
  void halfWeightsChangeNoOutputAndHalveTheConstants(String name, Precision precision) {
    TestDevices.requireDevice();
    Graph graph = ModelLoader.standard().load(ModelCatalog.standard().path(name));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 42);
    OpenClOptions options =
        OpenClOptions.defaults().withProgramCache(cacheDir).withPrecision(precision);
    long[] bytes = new long[2];
    List<NdArray> full =
        outputs(graph, inputs, options, gpu -> bytes[0] = gpu.constantBytesPrepared());
    List<NdArray> half =
        outputs(
            graph,
            inputs,
            options.withHalfWeights(true),
            gpu -> bytes[1] = gpu.constantBytesPrepared());
    assertBitForBit(full, half, name + " with half weights");
    // Every constant of these models is exact in 16 bits: exactly half the bytes.
    assertEquals(bytes[0], 2 * bytes[1], name + ": constant bytes 32-bit, 16-bit");
  }

  /**
   * Launches queued in batches behind user events ({@link OpenClOptions#launchBatch}) run the same
   * kernels in the same order: the same outputs bit for bit, with batches of one launch, of a few,
   * and of more launches than the model has.
   */
  @ParameterizedTest
  @CsvSource({"face_detection_short_range", "hand_landmark_lite"})
  void launchBatchesChangeNoOutput(String name) {
    TestDevices.requireDevice();
    Graph graph = ModelLoader.standard().load(ModelCatalog.standard().path(name));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 42);
    OpenClOptions options = OpenClOptions.defaults().withProgramCache(cacheDir);
    List<NdArray> expected = outputs(graph, inputs, options, gpu -> {});
    for (int batch : new int[] {1, 4, 1000}) {
      assertBitForBit(
          expected,
          outputs(graph, inputs, options.withLaunchBatch(batch), gpu -> {}),
          name + " in batches of " + batch);
    }
  }

  /**
   * The outputs of the second of two runs on one delegate made with {@code options}; {@code
   * prepared} sees the delegate before it closes.
   */
  private static List<NdArray> outputs(
      Graph graph,
      List<NdArray> inputs,
      OpenClOptions options,
      java.util.function.Consumer<OpenClDelegate> prepared) {
    try (OpenClDelegate gpu = new OpenClDelegate(options);
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      interpreter.runRaw(inputs);
      List<NdArray> second = interpreter.runRaw(inputs);
      assertEquals(1, interpreter.delegatePartitionCount());
      prepared.accept(gpu);
      return second;
    }
  }

  private static void assertBitForBit(List<NdArray> expected, List<NdArray> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          expected.get(i).floats(), actual.get(i).floats(), what + ", output " + i);
    }
  }
}
