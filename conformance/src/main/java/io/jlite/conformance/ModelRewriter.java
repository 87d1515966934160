package io.jlite.conformance;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

/**
 * Reads, rewrites and writes {@code .tflite} models through the official schema's object API
 * ({@link ModelT}).
 *
 * <p>Its first rewrite exists for the TFLite oracle: MediaPipe's custom op {@code
 * Convolution2DTransposeBias} is not in TFLite's builtin resolver, so the conformance suite hands
 * TFLite a copy of the model in which each such op is the builtin {@code TRANSPOSE_CONV} with the
 * same inputs, options and output, and compares the result with JLite running the original model
 * (JLite's own {@code Convolution2DTransposeBias}). That is how the custom op is checked against
 * TFLite.
 */
public final class ModelRewriter {
  /** The MediaPipe custom op's code. */
  public static final String CONVOLUTION_2D_TRANSPOSE_BIAS = "Convolution2DTransposeBias";

  /** The builtin TRANSPOSE_CONV version that accepts the optional bias input. */
  private static final int TRANSPOSE_CONV_VERSION = 3;

  /** MediaPipe's custom options use TfLitePadding: 1 is SAME, 2 is VALID. */
  private static final int TFLITE_PADDING_SAME = 1;

  private static final int TFLITE_PADDING_VALID = 2;

  private ModelRewriter() {}

  /** Unpacks a model (the bytes between the buffer's position and limit). */
  public static ModelT read(ByteBuffer model) {
    ByteBuffer bb = model.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (!Model.ModelBufferHasIdentifier(bb)) {
      throw new IllegalArgumentException("not a TFLite model (file identifier is not \"TFL3\")");
    }
    return Model.getRootAsModel(bb).unpack();
  }

  /**
   * Packs a model into a finished FlatBuffer with the {@code TFL3} identifier.
   *
   * <p>Empty buffer data is written as absent (and set to null in {@code model}): TFLite 2.21
   * rejects a tensor whose buffer has a present but empty {@code data} vector ("required_bytes <=
   * bytes"), which is what packing an unpacked empty buffer would produce.
   */
  public static byte[] write(ModelT model) {
    for (BufferT buffer : orEmpty(model.getBuffers(), BufferT.class)) {
      if (buffer != null && buffer.getData() != null && buffer.getData().length == 0) {
        buffer.setData(null);
      }
    }
    // Likewise an empty custom-options vector on a builtin op: TFLite warns "builtin operator with
    // custom options".
    for (SubGraphT graph : orEmpty(model.getSubgraphs(), SubGraphT.class)) {
      for (OperatorT op : orEmpty(graph.getOperators(), OperatorT.class)) {
        if (op.getCustomOptions() != null && op.getCustomOptions().length == 0) {
          op.setCustomOptions(null);
        }
      }
    }
    FlatBufferBuilder builder = new FlatBufferBuilder(1 << 16);
    builder.finish(Model.pack(builder, model), "TFL3");
    return builder.sizedByteArray();
  }

  /**
   * Replaces every {@code CUSTOM:Convolution2DTransposeBias} op of {@code model} (in place) by the
   * builtin {@code TRANSPOSE_CONV}, and drops the custom operator code once no op uses it.
   *
   * <p>The custom op has inputs (input, weights [outC, kH, kW, inC], bias [outC]) and custom
   * options of three little-endian int32: padding (TfLitePadding: 1 SAME, 2 VALID), stride_w,
   * stride_h. TRANSPOSE_CONV takes (output_shape, weights, input, bias) and {@code
   * TransposeConvOptions(padding, stride_w, stride_h)}; output_shape is a new constant INT32 [4]
   * tensor holding the declared shape of the op's output.
   *
   * @return the number of ops replaced
   * @throws IllegalArgumentException if such an op has other inputs, outputs or options
   */
  public static int convolution2DTransposeBiasToTransposeConv(ModelT model) {
    OperatorCodeT[] codes = orEmpty(model.getOperatorCodes(), OperatorCodeT.class);
    int customIndex = -1;
    for (int i = 0; i < codes.length; i++) {
      if (builtinCode(codes[i]) == BuiltinOperator.CUSTOM
          && CONVOLUTION_2D_TRANSPOSE_BIAS.equals(codes[i].getCustomCode())) {
        customIndex = i;
      }
    }
    if (customIndex < 0) {
      return 0;
    }
    int transposeConvIndex = transposeConvCode(model);
    List<BufferT> buffers =
        new ArrayList<>(Arrays.asList(orEmpty(model.getBuffers(), BufferT.class)));
    int replaced = 0;
    for (SubGraphT graph : orEmpty(model.getSubgraphs(), SubGraphT.class)) {
      List<TensorT> tensors =
          new ArrayList<>(Arrays.asList(orEmpty(graph.getTensors(), TensorT.class)));
      OperatorT[] ops = orEmpty(graph.getOperators(), OperatorT.class);
      for (int i = 0; i < ops.length; i++) {
        if (ops[i].getOpcodeIndex() == customIndex) {
          replace(ops[i], i, transposeConvIndex, tensors, buffers);
          replaced++;
        }
      }
      graph.setTensors(tensors.toArray(new TensorT[0]));
    }
    model.setBuffers(buffers.toArray(new BufferT[0]));
    removeUnusedOperatorCode(model, customIndex);
    return replaced;
  }

  private static void replace(
      OperatorT op,
      int opIndex,
      int transposeConvIndex,
      List<TensorT> tensors,
      List<BufferT> buffers) {
    String where = "op #" + opIndex + " CUSTOM:" + CONVOLUTION_2D_TRANSPOSE_BIAS;
    int[] inputs = op.getInputs();
    int[] outputs = op.getOutputs();
    if (inputs == null || inputs.length != 3 || outputs == null || outputs.length != 1) {
      throw new IllegalArgumentException(
          where + " must have 3 inputs (input, weights, bias) and 1 output");
    }
    int[] options = op.getCustomOptions();
    if (options == null || options.length != 12) {
      throw new IllegalArgumentException(
          where
              + " must have 12 bytes of custom options (padding, stride_w, stride_h), has "
              + (options == null ? 0 : options.length));
    }
    ByteBuffer raw = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    for (int b : options) {
      raw.put((byte) b);
    }
    int padding = raw.getInt(0);
    int strideW = raw.getInt(4);
    int strideH = raw.getInt(8);
    byte schemaPadding =
        switch (padding) {
          case TFLITE_PADDING_SAME -> Padding.SAME;
          case TFLITE_PADDING_VALID -> Padding.VALID;
          default ->
              throw new IllegalArgumentException(
                  where + " has padding " + padding + " (expected 1 SAME or 2 VALID)");
        };
    if (strideW < 1 || strideH < 1) {
      throw new IllegalArgumentException(
          where + " has stride " + strideH + "x" + strideW + " (must be ≥ 1)");
    }
    TensorT output = tensors.get(outputs[0]);
    int[] outputShape = output.getShape();
    if (outputShape == null || outputShape.length != 4) {
      throw new IllegalArgumentException(
          where + " output '" + output.getName() + "' must have a 4-D shape");
    }

    int outputShapeTensor = tensors.size();
    tensors.add(int32Constant(output.getName() + "/output_shape", outputShape, buffers));

    TransposeConvOptionsT transposeConv = new TransposeConvOptionsT();
    transposeConv.setPadding(schemaPadding);
    transposeConv.setStrideW(strideW);
    transposeConv.setStrideH(strideH);
    transposeConv.setFusedActivationFunction(ActivationFunctionType.NONE);
    BuiltinOptionsUnion union = new BuiltinOptionsUnion();
    union.setType(BuiltinOptions.TransposeConvOptions);
    union.setValue(transposeConv);

    op.setOpcodeIndex(transposeConvIndex);
    op.setInputs(new int[] {outputShapeTensor, inputs[1], inputs[0], inputs[2]});
    op.setBuiltinOptions(union);
    op.setCustomOptions(new int[0]);
  }

  /**
   * Makes every tensor an op of the first subgraph writes also an output of that subgraph (in
   * place), so that an interpreter reports intermediate values: TFLite frees or reuses the memory
   * of intermediates, but never of outputs. The model's own outputs keep their positions; the added
   * ones follow in the order of the ops that write them.
   *
   * <p>Only FLOAT32 and INT32 intermediates are added, the types the oracle reads: the others are
   * the FLOAT16 weights a DENSIFY expands (pose_detection), whose values are compared in the
   * FLOAT32 output of the DEQUANTIZE that reads them.
   *
   * @return the tensor index of every output, old and added, in output order
   */
  public static int[] exposeIntermediates(ModelT model) {
    SubGraphT graph = orEmpty(model.getSubgraphs(), SubGraphT.class)[0];
    TensorT[] tensors = graph.getTensors();
    List<Integer> outputs = new ArrayList<>();
    for (int t : graph.getOutputs()) {
      outputs.add(t);
    }
    for (OperatorT op : orEmpty(graph.getOperators(), OperatorT.class)) {
      for (int t : op.getOutputs()) {
        boolean readable =
            t >= 0
                && (tensors[t].getType() == TensorType.FLOAT32
                    || tensors[t].getType() == TensorType.INT32);
        if (readable && !outputs.contains(t)) {
          outputs.add(t);
        }
      }
    }
    int[] all = outputs.stream().mapToInt(Integer::intValue).toArray();
    graph.setOutputs(all);
    return all.clone();
  }

  /** Declares {@code shape} for tensor {@code tensor} of the first subgraph (in place). */
  public static void setShape(ModelT model, int tensor, int[] shape) {
    SubGraphT graph = orEmpty(model.getSubgraphs(), SubGraphT.class)[0];
    graph.getTensors()[tensor].setShape(shape.clone());
  }

  /** A constant INT32 vector tensor with a new buffer of its little-endian bytes. */
  private static TensorT int32Constant(String name, int[] values, List<BufferT> buffers) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bytes.putInt(v);
    }
    int[] data = new int[bytes.capacity()];
    for (int i = 0; i < data.length; i++) {
      data[i] = bytes.get(i) & 0xff;
    }
    BufferT buffer = new BufferT();
    buffer.setData(data);
    buffers.add(buffer);

    TensorT tensor = new TensorT();
    tensor.setName(name);
    tensor.setType(TensorType.INT32);
    tensor.setShape(new int[] {values.length});
    tensor.setBuffer(buffers.size() - 1);
    return tensor;
  }

  /** The index of the TRANSPOSE_CONV operator code, added if the model has none. */
  private static int transposeConvCode(ModelT model) {
    OperatorCodeT[] codes = orEmpty(model.getOperatorCodes(), OperatorCodeT.class);
    for (int i = 0; i < codes.length; i++) {
      if (builtinCode(codes[i]) == BuiltinOperator.TRANSPOSE_CONV) {
        codes[i].setVersion(Math.max(codes[i].getVersion(), TRANSPOSE_CONV_VERSION));
        return i;
      }
    }
    OperatorCodeT code = new OperatorCodeT();
    code.setBuiltinCode(BuiltinOperator.TRANSPOSE_CONV);
    code.setDeprecatedBuiltinCode((byte) BuiltinOperator.TRANSPOSE_CONV);
    code.setVersion(TRANSPOSE_CONV_VERSION);
    OperatorCodeT[] grown = Arrays.copyOf(codes, codes.length + 1);
    grown[codes.length] = code;
    model.setOperatorCodes(grown);
    return codes.length;
  }

  /** Drops operator code {@code index} if no op uses it, renumbering the ops' code indices. */
  private static void removeUnusedOperatorCode(ModelT model, int index) {
    SubGraphT[] graphs = orEmpty(model.getSubgraphs(), SubGraphT.class);
    for (SubGraphT graph : graphs) {
      for (OperatorT op : orEmpty(graph.getOperators(), OperatorT.class)) {
        if (op.getOpcodeIndex() == index) {
          return;
        }
      }
    }
    for (SubGraphT graph : graphs) {
      for (OperatorT op : orEmpty(graph.getOperators(), OperatorT.class)) {
        if (op.getOpcodeIndex() > index) {
          op.setOpcodeIndex(op.getOpcodeIndex() - 1);
        }
      }
    }
    List<OperatorCodeT> codes = new ArrayList<>(Arrays.asList(model.getOperatorCodes()));
    codes.remove(index);
    model.setOperatorCodes(codes.toArray(new OperatorCodeT[0]));
  }

  /**
   * The operator's builtin code: models before TFLite 2.4 set only the 8-bit field, newer ones
   * both, or 127 (the placeholder) in the old one.
   */
  private static int builtinCode(OperatorCodeT code) {
    return Math.max(code.getBuiltinCode(), code.getDeprecatedBuiltinCode());
  }

  @SuppressWarnings("unchecked")
  private static <T> T[] orEmpty(T[] array, Class<T> type) {
    return array != null ? array : (T[]) java.lang.reflect.Array.newInstance(type, 0);
  }
}
