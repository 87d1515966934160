package io.jlite.conformance;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SparsityParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Writes {@code .tflite} models from Java with the official schema's object API ({@link ModelT}):
 * one subgraph of FLOAT32 inputs, constants (FLOAT32, FLOAT16, INT32, INT8) and builtin or custom
 * ops, in the order they are added (which must be a topological order, as TFLite requires).
 *
 * <p>A builtin op's options are given as the schema's options object ({@code Conv2DOptionsT}, ...);
 * its union tag is the class's name without the trailing {@code T}, looked up in {@link
 * BuiltinOptions}. Every op code is written with version 1 unless {@link #op(String, int, Object,
 * int[], int[])} names another.
 *
 * <pre>{@code
 * ModelWriter w = new ModelWriter();
 * int x = w.input("x", 1, 4, 4, 3);
 * int y = w.tensor("y", 1, 4, 4, 3);
 * w.op("RELU", null, new int[] {x}, new int[] {y});
 * byte[] model = w.output(y).toBytes();
 * }</pre>
 */
public final class ModelWriter {
  private final List<BufferT> buffers = new ArrayList<>();
  private final List<TensorT> tensors = new ArrayList<>();
  private final List<OperatorT> operators = new ArrayList<>();
  private final List<OperatorCodeT> codes = new ArrayList<>();
  private final List<String> codeNames = new ArrayList<>();
  private final List<Integer> inputs = new ArrayList<>();
  private final List<Integer> outputs = new ArrayList<>();

  /** A writer of an empty model; buffer 0 is TFLite's empty sentinel buffer. */
  public ModelWriter() {
    buffers.add(new BufferT());
  }

  /** Adds a FLOAT32 graph input; returns its tensor index. */
  public int input(String name, int... shape) {
    int t = tensor(name, TensorType.FLOAT32, shape);
    inputs.add(t);
    return t;
  }

  /** Adds a FLOAT32 tensor without data (an op's output); returns its index. */
  public int tensor(String name, int... shape) {
    return tensor(name, TensorType.FLOAT32, shape);
  }

  /** Adds a tensor of {@code type} (a {@link TensorType} constant) without data. */
  public int tensor(String name, byte type, int... shape) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setType(type);
    t.setShape(shape.clone());
    t.setBuffer(0);
    tensors.add(t);
    return tensors.size() - 1;
  }

  /** Adds a constant FLOAT32 tensor holding {@code values} (row-major) in {@code shape}. */
  public int constant(String name, float[] values, int... shape) {
    ByteBuffer bytes = bytes(4 * checkSize(values.length, shape));
    for (float v : values) {
      bytes.putFloat(v);
    }
    return constant(name, TensorType.FLOAT32, bytes, shape);
  }

  /** Adds a constant FLOAT16 tensor holding {@code values}, each rounded to the nearest half. */
  public int float16Constant(String name, float[] values, int... shape) {
    ByteBuffer bytes = bytes(2 * checkSize(values.length, shape));
    for (float v : values) {
      bytes.putShort(Float16Bits.fromFloat(v));
    }
    return constant(name, TensorType.FLOAT16, bytes, shape);
  }

  /** Adds a constant INT32 tensor holding {@code values} in {@code shape}. */
  public int intConstant(String name, int[] values, int... shape) {
    ByteBuffer bytes = bytes(4 * checkSize(values.length, shape));
    for (int v : values) {
      bytes.putInt(v);
    }
    return constant(name, TensorType.INT32, bytes, shape);
  }

  /** Adds a constant INT32 vector. */
  public int intVector(String name, int... values) {
    return intConstant(name, values, values.length);
  }

  /**
   * Adds a constant INT8 tensor with per-tensor affine quantization ({@code real = scale · (q -
   * zeroPoint)}).
   */
  public int int8Constant(String name, byte[] values, float scale, long zeroPoint, int... shape) {
    ByteBuffer bytes = bytes(checkSize(values.length, shape));
    bytes.put(values);
    int t = constant(name, TensorType.INT8, bytes, shape);
    QuantizationParametersT q = new QuantizationParametersT();
    q.setScale(new float[] {scale});
    q.setZeroPoint(new long[] {zeroPoint});
    tensors.get(t).setQuantization(q);
    return t;
  }

  /**
   * Adds a sparse constant FLOAT32 tensor of dense shape {@code shape}: {@code stored} holds the
   * values the {@code sparsity} encoding keeps, in its traversal order (TFLite's sparse format,
   * read by DENSIFY).
   */
  public int sparseConstant(
      String name, float[] stored, SparsityParametersT sparsity, int... shape) {
    ByteBuffer bytes = bytes(4 * stored.length);
    for (float v : stored) {
      bytes.putFloat(v);
    }
    int t = constant(name, TensorType.FLOAT32, bytes, shape);
    tensors.get(t).setSparsity(sparsity);
    return t;
  }

  private int constant(String name, byte type, ByteBuffer bytes, int... shape) {
    BufferT buffer = new BufferT();
    int[] data = new int[bytes.capacity()];
    for (int i = 0; i < data.length; i++) {
      data[i] = bytes.get(i) & 0xff;
    }
    buffer.setData(data);
    buffers.add(buffer);
    int t = tensor(name, type, shape);
    tensors.get(t).setBuffer(buffers.size() - 1);
    return t;
  }

  /** Marks a tensor as a graph output (in the order of the calls). */
  public ModelWriter output(int tensor) {
    Objects.checkIndex(tensor, tensors.size());
    outputs.add(tensor);
    return this;
  }

  /**
   * Adds a builtin op of version 1. {@code opName} is its TFLite name ({@code "CONV_2D"}); {@code
   * options} its schema options object, or null for an op without options. An input of {@code -1}
   * marks an absent optional input.
   */
  public ModelWriter op(String opName, Object options, int[] opInputs, int[] opOutputs) {
    return op(opName, 1, options, opInputs, opOutputs);
  }

  /** Adds a builtin op with the given op code version. */
  public ModelWriter op(
      String opName, int version, Object options, int[] opInputs, int[] opOutputs) {
    OperatorT op = new OperatorT();
    op.setOpcodeIndex(code(opName, builtinCode(opName), "", version));
    op.setInputs(opInputs.clone());
    op.setOutputs(opOutputs.clone());
    // An empty custom-options vector makes TFLite warn "builtin operator with custom options".
    op.setCustomOptions(null);
    if (options != null) {
      BuiltinOptionsUnion union = new BuiltinOptionsUnion();
      union.setType(optionsType(options));
      union.setValue(options);
      op.setBuiltinOptions(union);
    }
    operators.add(op);
    return this;
  }

  /** Adds a custom op {@code customCode} with raw custom options. */
  public ModelWriter customOp(
      String customCode, byte[] customOptions, int[] opInputs, int[] opOutputs) {
    OperatorT op = new OperatorT();
    op.setOpcodeIndex(code("CUSTOM:" + customCode, BuiltinOperator.CUSTOM, customCode, 1));
    op.setInputs(opInputs.clone());
    op.setOutputs(opOutputs.clone());
    int[] raw = new int[customOptions.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = customOptions[i] & 0xff;
    }
    op.setCustomOptions(raw);
    operators.add(op);
    return this;
  }

  /** The shape declared for tensor {@code t}. */
  public int[] shape(int t) {
    return tensors.get(t).getShape().clone();
  }

  /** The model written so far, as a fresh object tree. */
  public ModelT model() {
    ModelT model = new ModelT();
    model.setVersion(3);
    model.setDescription("written by JLite's conformance ModelWriter");
    model.setOperatorCodes(codes.toArray(new OperatorCodeT[0]));
    model.setBuffers(buffers.toArray(new BufferT[0]));
    SubGraphT graph = new SubGraphT();
    graph.setName("main");
    graph.setTensors(tensors.toArray(new TensorT[0]));
    graph.setOperators(operators.toArray(new OperatorT[0]));
    graph.setInputs(inputs.stream().mapToInt(Integer::intValue).toArray());
    graph.setOutputs(outputs.stream().mapToInt(Integer::intValue).toArray());
    model.setSubgraphs(new SubGraphT[] {graph});
    return model;
  }

  /** The model as {@code .tflite} bytes (see {@link ModelRewriter#write}). */
  public byte[] toBytes() {
    return ModelRewriter.write(model());
  }

  private int code(String name, int builtin, String customCode, int version) {
    for (int i = 0; i < codes.size(); i++) {
      if (codeNames.get(i).equals(name) && codes.get(i).getVersion() == version) {
        return i;
      }
    }
    OperatorCodeT code = new OperatorCodeT();
    code.setBuiltinCode(builtin);
    // Readers before TFLite 2.4 look only at the 8-bit field; 127 is its "see the wide one".
    code.setDeprecatedBuiltinCode((byte) Math.min(builtin, 127));
    code.setVersion(version);
    if (!customCode.isEmpty()) {
      code.setCustomCode(customCode);
    }
    codes.add(code);
    codeNames.add(name);
    return codes.size() - 1;
  }

  /** The {@link BuiltinOperator} constant named {@code opName}. */
  static int builtinCode(String opName) {
    for (int i = 0; i < BuiltinOperator.names.length; i++) {
      if (BuiltinOperator.names[i].equals(opName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no builtin operator named " + opName);
  }

  /** The union tag of an options object: its class name without the object API's "T". */
  private static byte optionsType(Object options) {
    String simple = options.getClass().getSimpleName();
    if (!simple.endsWith("T")) {
      throw new IllegalArgumentException(simple + " is not a schema options object");
    }
    String tag = simple.substring(0, simple.length() - 1);
    try {
      Field f = BuiltinOptions.class.getField(tag);
      return f.getByte(null);
    } catch (NoSuchFieldException | IllegalAccessException e) {
      throw new IllegalArgumentException("no BuiltinOptions member " + tag, e);
    }
  }

  private static int checkSize(int length, int[] shape) {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (size != length) {
      throw new IllegalArgumentException(
          length + " values do not fill shape " + java.util.Arrays.toString(shape));
    }
    return length;
  }

  private static ByteBuffer bytes(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
