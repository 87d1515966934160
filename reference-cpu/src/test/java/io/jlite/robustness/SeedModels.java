package io.jlite.robustness;

import io.jlite.models.ModelCatalog;
import io.jlite.testing.TestModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.ReducerOptionsT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.SoftmaxOptionsT;
import org.tensorflow.lite.schema.StridedSliceOptionsT;

/**
 * The fuzzer's seed corpus: the real MediaPipe models from the model cache that fit libFuzzer's
 * input size cap, and small generated models that cover the loader's paths and, being small enough,
 * also run an inference in the fuzz target.
 */
final class SeedModels {
  /**
   * libFuzzer truncates inputs longer than 1 MiB (its default {@code -max_len} cap), and a
   * truncated model only exercises the truncation checks, so larger models are not seeds.
   */
  static final long MAX_SEED_BYTES = 1 << 20;

  private SeedModels() {}

  /** Every seed by name: generated models first, then the real models that fit. */
  static Map<String, byte[]> all() {
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    generated().forEach((name, model) -> seeds.put(name, model.serializeToBinary()));
    for (Path file : realModelFiles()) {
      try {
        seeds.put(file.getFileName().toString(), Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return seeds;
  }

  /** The cached MediaPipe models (sha256 checked) no larger than {@link #MAX_SEED_BYTES}. */
  static List<Path> realModelFiles() {
    ModelCatalog catalog = ModelCatalog.standard();
    List<Path> files = new ArrayList<>();
    for (String name : catalog.names()) {
      Path file = catalog.path(name);
      try {
        if (Files.size(file) <= MAX_SEED_BYTES) {
          files.add(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Small valid models built with the schema object API, each exercising a family of ops. */
  static Map<String, ModelT> generated() {
    Map<String, ModelT> models = new LinkedHashMap<>();
    models.put("add", TestModels.add());
    models.put("conv_net", convNet());
    models.put("tensor_net", tensorNet());
    return models;
  }

  /** CONV_2D → DEPTHWISE_CONV_2D → MAX_POOL_2D → RESHAPE → FULLY_CONNECTED → SOFTMAX. */
  static ModelT convNet() {
    TestModels.Builder b = new TestModels.Builder();
    int x = b.input("x", 1, 4, 4, 2);
    int convFilter = b.constant("conv_filter", ramp(3 * 3 * 3 * 2), 3, 3, 3, 2);
    int convBias = b.constant("conv_bias", ramp(3), 3);
    int conv = b.tensor("conv", 1, 4, 4, 3);
    Conv2DOptionsT convOptions = new Conv2DOptionsT();
    convOptions.setPadding(Padding.SAME);
    convOptions.setStrideH(1);
    convOptions.setStrideW(1);
    convOptions.setFusedActivationFunction(ActivationFunctionType.RELU);
    b.op(
        BuiltinOperator.CONV_2D,
        BuiltinOptions.Conv2DOptions,
        convOptions,
        new int[] {x, convFilter, convBias},
        conv);
    int dwFilter = b.constant("dw_filter", ramp(3 * 3 * 3), 1, 3, 3, 3);
    int dwBias = b.constant("dw_bias", ramp(3), 3);
    int dw = b.tensor("dw", 1, 4, 4, 3);
    DepthwiseConv2DOptionsT dwOptions = new DepthwiseConv2DOptionsT();
    dwOptions.setPadding(Padding.SAME);
    dwOptions.setStrideH(1);
    dwOptions.setStrideW(1);
    dwOptions.setDepthMultiplier(1);
    b.op(
        BuiltinOperator.DEPTHWISE_CONV_2D,
        BuiltinOptions.DepthwiseConv2DOptions,
        dwOptions,
        new int[] {conv, dwFilter, dwBias},
        dw);
    int pool = b.tensor("pool", 1, 2, 2, 3);
    Pool2DOptionsT poolOptions = new Pool2DOptionsT();
    poolOptions.setPadding(Padding.VALID);
    poolOptions.setStrideH(2);
    poolOptions.setStrideW(2);
    poolOptions.setFilterHeight(2);
    poolOptions.setFilterWidth(2);
    b.op(
        BuiltinOperator.MAX_POOL_2D,
        BuiltinOptions.Pool2DOptions,
        poolOptions,
        new int[] {dw},
        pool);
    int newShape = b.intConstant("new_shape", new int[] {1, 12}, 2);
    int flat = b.tensor("flat", 1, 12);
    ReshapeOptionsT reshapeOptions = new ReshapeOptionsT();
    reshapeOptions.setNewShape(new int[] {1, 12});
    b.op(
        BuiltinOperator.RESHAPE,
        BuiltinOptions.ReshapeOptions,
        reshapeOptions,
        new int[] {pool, newShape},
        flat);
    int weights = b.constant("fc_weights", ramp(4 * 12), 4, 12);
    int bias = b.constant("fc_bias", ramp(4), 4);
    int logits = b.tensor("logits", 1, 4);
    b.op(
        BuiltinOperator.FULLY_CONNECTED,
        BuiltinOptions.FullyConnectedOptions,
        new FullyConnectedOptionsT(),
        new int[] {flat, weights, bias},
        logits);
    int probabilities = b.tensor("probabilities", 1, 4);
    SoftmaxOptionsT softmaxOptions = new SoftmaxOptionsT();
    softmaxOptions.setBeta(1f);
    b.op(
        BuiltinOperator.SOFTMAX,
        BuiltinOptions.SoftmaxOptions,
        softmaxOptions,
        new int[] {logits},
        probabilities);
    return b.outputs(probabilities).build();
  }

  /** PAD → TRANSPOSE → STRIDED_SLICE → CONCATENATION → MEAN → LOGISTIC. */
  static ModelT tensorNet() {
    TestModels.Builder b = new TestModels.Builder();
    int x = b.input("x", 1, 3, 4, 2);
    int paddings = b.intConstant("paddings", new int[] {0, 0, 1, 1, 0, 0, 0, 0}, 4, 2);
    int padded = b.tensor("padded", 1, 5, 4, 2);
    b.op(BuiltinOperator.PAD, (byte) 0, null, new int[] {x, paddings}, padded);
    int perm = b.intConstant("perm", new int[] {0, 2, 1, 3}, 4);
    int transposed = b.tensor("transposed", 1, 4, 5, 2);
    b.op(BuiltinOperator.TRANSPOSE, (byte) 0, null, new int[] {padded, perm}, transposed);
    int begin = b.intConstant("begin", new int[] {0, 0, 1, 0}, 4);
    int end = b.intConstant("end", new int[] {1, 4, 5, 2}, 4);
    int strides = b.intConstant("strides", new int[] {1, 2, 2, 1}, 4);
    int sliced = b.tensor("sliced", 1, 2, 2, 2);
    b.op(
        BuiltinOperator.STRIDED_SLICE,
        BuiltinOptions.StridedSliceOptions,
        new StridedSliceOptionsT(),
        new int[] {transposed, begin, end, strides},
        sliced);
    int joined = b.tensor("joined", 1, 2, 2, 4);
    ConcatenationOptionsT concatOptions = new ConcatenationOptionsT();
    concatOptions.setAxis(3);
    b.op(
        BuiltinOperator.CONCATENATION,
        BuiltinOptions.ConcatenationOptions,
        concatOptions,
        new int[] {sliced, sliced},
        joined);
    int axes = b.intConstant("axes", new int[] {1, 2}, 2);
    int mean = b.tensor("mean", 1, 1, 1, 4);
    ReducerOptionsT meanOptions = new ReducerOptionsT();
    meanOptions.setKeepDims(true);
    b.op(
        BuiltinOperator.MEAN,
        BuiltinOptions.ReducerOptions,
        meanOptions,
        new int[] {joined, axes},
        mean);
    int out = b.tensor("out", 1, 1, 1, 4);
    b.op(BuiltinOperator.LOGISTIC, (byte) 0, null, new int[] {mean}, out);
    return b.outputs(out).build();
  }

  /** {@code n} distinct small weights, so no seed computes with all-equal values. */
  private static float[] ramp(int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = ((i * 7) % 11 - 5) * 0.1f;
    }
    return values;
  }
}
