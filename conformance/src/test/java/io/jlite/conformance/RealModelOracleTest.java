package io.jlite.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.models.ModelCatalog;
import io.jlite.tflite.TfLiteRunner;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.lite.schema.ModelT;

/**
 * Every model of the manifest, run on real TensorFlow Lite (the oracle, one thread) and on JLite's
 * reference interpreter with the same inputs; every output must match within {@link Tolerance}.
 *
 * <p>Inputs: FLOAT32, uniform in [-1, 1), from a {@link Random} seeded by the model's name, so a
 * failure reproduces exactly.
 *
 * <p>Custom ops: TFLite does not know MediaPipe's {@code Convolution2DTransposeBias} (the selfie
 * segmentation models). TFLite runs a copy rewritten by {@link ModelRewriter} with the builtin
 * TRANSPOSE_CONV in its place; JLite runs the original model with its own {@code
 * Convolution2DTransposeBias}. That is how the custom op is checked against TFLite.
 *
 * <p>A missing model file fails the test with the catalog's message (run {@code
 * models/fetch-models.sh}); it is never skipped.
 */
class RealModelOracleTest {
  /**
   * Models JLite cannot run yet, and the op its {@link UnsupportedOpException} must name. Remove a
   * model from here when JLite learns its op: the test then fails until it is removed.
   *
   * <p>face_landmark_with_attention uses three MediaPipe custom ops (Landmarks2TransformMatrix,
   * TransformTensorBilinear, TransformLandmarks) that stock TensorFlow Lite does not know either.
   */
  static final Map<String, String> EXPECTED_UNSUPPORTED =
      Map.of("face_landmark_with_attention", "CUSTOM:Landmarks2TransformMatrix");

  private static final ModelCatalog CATALOG = ModelCatalog.standard();

  static Stream<String> models() {
    return CATALOG.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void matchesTfLite(String name) throws Exception {
    Path file = CATALOG.path(name);
    String unsupportedOp = EXPECTED_UNSUPPORTED.get(name);
    if (unsupportedOp != null) {
      UnsupportedOpException e =
          assertThrows(
              UnsupportedOpException.class,
              () -> new Interpreter(file.toFile()).close(),
              name + " is listed in EXPECTED_UNSUPPORTED; if JLite now runs it, remove it there");
      assertEquals(unsupportedOp, e.opName(), e.getMessage());
      assertTrue(e.getMessage().contains(unsupportedOp), e.getMessage());
      return;
    }

    byte[] original = Files.readAllBytes(file);
    ModelT model = ModelRewriter.read(ByteBuffer.wrap(original));
    int rewritten = ModelRewriter.convolution2DTransposeBiasToTransposeConv(model);
    byte[] forTfLite = rewritten > 0 ? ModelRewriter.write(model) : original;

    try (TfLiteRunner tflite = new TfLiteRunner(forTfLite, 1);
        Interpreter jlite = new Interpreter(file.toFile())) {
      assertEquals(tflite.inputCount(), jlite.getInputTensorCount(), "input count");
      assertEquals(tflite.outputCount(), jlite.getOutputTensorCount(), "output count");

      Random random = new Random(name.hashCode());
      float[][] inputs = new float[tflite.inputCount()][];
      List<NdArray> jliteInputs = new ArrayList<>();
      for (int i = 0; i < inputs.length; i++) {
        int[] shape = tflite.inputShape(i);
        assertArrayEquals(shape, jlite.getInputTensor(i).shape(), "input " + i + " shape");
        inputs[i] = uniform(random, Shape.of(shape).size());
        jliteInputs.add(NdArray.of(Shape.of(shape), inputs[i].clone()));
      }

      long t0 = System.nanoTime();
      float[][] expected = tflite.run(inputs);
      long t1 = System.nanoTime();
      List<NdArray> actual = jlite.runRaw(jliteInputs);
      long t2 = System.nanoTime();

      StringBuilder report =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s: TFLite %.0f ms, JLite %.0f ms%s",
                  name,
                  (t1 - t0) / 1e6,
                  (t2 - t1) / 1e6,
                  rewritten > 0 ? " (TFLite ran it with " + rewritten + " op(s) rewritten)" : ""));
      for (int i = 0; i < expected.length; i++) {
        String output = "output " + i + " '" + tflite.outputName(i) + "'";
        assertEquals(tflite.outputName(i), jlite.getOutputTensor(i).name(), output + " name");
        assertArrayEquals(
            tflite.outputShape(i), actual.get(i).shape().toArray(), output + " shape");
        float[] want = expected[i];
        float[] got = actual.get(i).floats();
        Tolerance.Comparison c;
        if (Tolerance.comparedAsSigmoid(name, i)) {
          Tolerance.Comparison raw = Tolerance.compareFp32(want, got);
          report.append(
              String.format(
                  Locale.ROOT,
                  "%n  %s: logits max abs error %.3g (max|expected| %.3g); compared as a mask",
                  output,
                  raw.maxAbsError(),
                  raw.maxAbsExpected()));
          output += " (sigmoid mask)";
          c =
              Tolerance.assertMaskClose(
                  name + " " + output, Tolerance.sigmoid(want), Tolerance.sigmoid(got));
        } else {
          c = Tolerance.assertFp32Close(name + " " + output, want, got);
        }
        report.append(
            String.format(
                Locale.ROOT,
                "%n  %s: max abs error %.3g (bound %.3g, max|expected| %.3g)",
                output,
                c.maxAbsError(),
                Tolerance.comparedAsSigmoid(name, i)
                    ? Tolerance.SEGMENTATION_MASK_ABSOLUTE
                    : c.bound(),
                c.maxAbsExpected()));
      }
      System.out.println(report);
    }
  }

  private static float[] uniform(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }
}
