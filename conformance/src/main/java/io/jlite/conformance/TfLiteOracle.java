package io.jlite.conformance;

import io.jlite.tflite.TfLiteRunner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.ModelT;

/**
 * Runs a model on real TensorFlow Lite with every op output visible, and writes the model the
 * backend under test loads: the same model with each op output's shape declared as TFLite computed
 * it.
 *
 * <p>MediaPipe's custom {@code Convolution2DTransposeBias} is unknown to TFLite: TFLite runs a copy
 * with the builtin {@code TRANSPOSE_CONV} in its place ({@link
 * ModelRewriter#convolution2DTransposeBiasToTransposeConv}).
 */
public final class TfLiteOracle {
  private TfLiteOracle() {}

  /**
   * TFLite's values for one model.
   *
   * @param tensors tensor index of each reported value: the model's outputs first ({@code
   *     outputCount} of them), then every other op output in op order
   * @param shapes the shape TFLite computed for each
   * @param values the flat values of each
   * @param patched the model with every op output's shape declared as TFLite computed it
   *     (read-only)
   */
  public record Result(
      int outputCount,
      List<Integer> tensors,
      List<int[]> shapes,
      List<float[]> values,
      ByteBuffer patched) {
    /** A copy of {@link #patched()}'s bytes. */
    public byte[] patchedModel() {
      byte[] bytes = new byte[patched.remaining()];
      patched.duplicate().get(bytes);
      return bytes;
    }
  }

  /**
   * Runs {@code model} once on TFLite (one thread).
   *
   * @throws IllegalArgumentException with TFLite's reason when TFLite rejects the model
   */
  public static Result run(byte[] model, float[][] inputs) {
    ModelT forTfLite = ModelRewriter.read(ByteBuffer.wrap(model));
    int outputCount = forTfLite.getSubgraphs()[0].getOutputs().length;
    ModelRewriter.convolution2DTransposeBiasToTransposeConv(forTfLite);
    int[] exposed = ModelRewriter.exposeIntermediates(forTfLite);
    List<Integer> tensors = new ArrayList<>();
    List<int[]> shapes = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    try (TfLiteRunner tflite = new TfLiteRunner(ModelRewriter.write(forTfLite), 1)) {
      float[][] out = tflite.run(inputs);
      for (int i = 0; i < exposed.length; i++) {
        tensors.add(exposed[i]);
        shapes.add(tflite.outputShape(i));
        values.add(out[i]);
      }
    }
    ModelT patched = ModelRewriter.read(ByteBuffer.wrap(model));
    for (int i = 0; i < tensors.size(); i++) {
      ModelRewriter.setShape(patched, tensors.get(i), shapes.get(i));
    }
    return new Result(
        outputCount,
        List.copyOf(tensors),
        List.copyOf(shapes),
        List.copyOf(values),
        ByteBuffer.wrap(ModelRewriter.write(patched)).asReadOnlyBuffer());
  }
}
