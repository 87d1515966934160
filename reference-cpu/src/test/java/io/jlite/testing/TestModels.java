package io.jlite.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/** Tiny models built with the official schema object API, for loader and interpreter tests. */
public final class TestModels {
  private TestModels() {}

  /**
   * {@code out = a + b} for two FLOAT32 inputs of shape [1,2,2,1], plus a constant third tensor
   * {@code c} = [1,2,2,1] of 0.5 that nothing reads (tests corrupt it). Tensors: 0 a, 1 b, 2 out, 3
   * c. Buffer 0 is the empty sentinel, buffer 1 holds c.
   */
  public static ModelT add() {
    ModelT model = new ModelT();
    model.setVersion(3);
    OperatorCodeT code = new OperatorCodeT();
    code.setBuiltinCode(BuiltinOperator.ADD);
    code.setDeprecatedBuiltinCode((byte) BuiltinOperator.ADD);
    code.setVersion(1);
    model.setOperatorCodes(new OperatorCodeT[] {code});

    BufferT empty = new BufferT();
    empty.setData(new int[0]);
    BufferT constant = new BufferT();
    constant.setData(floatBytes(0.5f, 0.5f, 0.5f, 0.5f));
    model.setBuffers(new BufferT[] {empty, constant});

    SubGraphT graph = new SubGraphT();
    graph.setTensors(
        new TensorT[] {
          tensor("a", 0, 1, 2, 2, 1),
          tensor("b", 0, 1, 2, 2, 1),
          tensor("out", 0, 1, 2, 2, 1),
          tensor("c", 1, 1, 2, 2, 1)
        });
    OperatorT add = new OperatorT();
    add.setOpcodeIndex(0);
    add.setInputs(new int[] {0, 1});
    add.setOutputs(new int[] {2});
    BuiltinOptionsUnion options = new BuiltinOptionsUnion();
    options.setType(BuiltinOptions.AddOptions);
    options.setValue(new AddOptionsT());
    add.setBuiltinOptions(options);
    graph.setOperators(new OperatorT[] {add});
    graph.setInputs(new int[] {0, 1});
    graph.setOutputs(new int[] {2});
    graph.setName("main");
    model.setSubgraphs(new SubGraphT[] {graph});
    return model;
  }

  /** A FLOAT32 tensor on buffer {@code buffer}. */
  public static TensorT tensor(String name, int buffer, int... shape) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setType(TensorType.FLOAT32);
    t.setShape(shape);
    t.setBuffer(buffer);
    return t;
  }

  /** Little-endian bytes of {@code values}, as unsigned ints the object API expects. */
  public static int[] floatBytes(float... values) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bb.putFloat(v);
    }
    int[] out = new int[bb.capacity()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bb.get(i) & 0xff;
    }
    return out;
  }

  /** Little-endian bytes of {@code values}, as unsigned ints the object API expects. */
  public static int[] intBytes(int... values) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bb.putInt(v);
    }
    int[] out = new int[bb.capacity()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bb.get(i) & 0xff;
    }
    return out;
  }

  /**
   * Builds a one-subgraph model op by op, for tests that need more than {@link #add()}. Tensors are
   * numbered in the order they are declared; buffer 0 is the empty sentinel.
   */
  public static final class Builder {
    private final List<OperatorCodeT> codes = new ArrayList<>();
    private final List<BufferT> buffers = new ArrayList<>();
    private final List<TensorT> tensors = new ArrayList<>();
    private final List<OperatorT> operators = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private int[] outputs = new int[0];

    public Builder() {
      BufferT empty = new BufferT();
      empty.setData(new int[0]);
      buffers.add(empty);
    }

    /** A FLOAT32 graph input. */
    public int input(String name, int... shape) {
      int t = tensor(name, shape);
      inputs.add(t);
      return t;
    }

    /** An INT32 graph input, e.g. an output size or paddings fed at run time. */
    public int intInput(String name, int... shape) {
      int t = input(name, shape);
      tensors.get(t).setType(TensorType.INT32);
      return t;
    }

    /** A FLOAT32 tensor that an op writes. */
    public int tensor(String name, int... shape) {
      tensors.add(TestModels.tensor(name, 0, shape));
      return tensors.size() - 1;
    }

    /** A FLOAT32 constant. */
    public int constant(String name, float[] values, int... shape) {
      return constant(name, TensorType.FLOAT32, floatBytes(values), shape);
    }

    /** An INT32 constant, e.g. a shape, an axis or paddings. */
    public int intConstant(String name, int[] values, int... shape) {
      return constant(name, TensorType.INT32, intBytes(values), shape);
    }

    private int constant(String name, byte type, int[] bytes, int... shape) {
      BufferT buffer = new BufferT();
      buffer.setData(bytes);
      buffers.add(buffer);
      TensorT t = TestModels.tensor(name, buffers.size() - 1, shape);
      t.setType(type);
      tensors.add(t);
      return tensors.size() - 1;
    }

    /**
     * Appends an op.
     *
     * @param optionsType a {@link BuiltinOptions} code, or 0 with {@code options} null for none
     */
    public Builder op(int builtin, byte optionsType, Object options, int[] in, int... out) {
      int code = codeIndex(builtin);
      OperatorT op = new OperatorT();
      op.setOpcodeIndex(code);
      op.setInputs(in);
      op.setOutputs(out);
      if (options != null) {
        BuiltinOptionsUnion union = new BuiltinOptionsUnion();
        union.setType(optionsType);
        union.setValue(options);
        op.setBuiltinOptions(union);
      }
      operators.add(op);
      return this;
    }

    private int codeIndex(int builtin) {
      for (int i = 0; i < codes.size(); i++) {
        if (codes.get(i).getBuiltinCode() == builtin) {
          return i;
        }
      }
      OperatorCodeT code = new OperatorCodeT();
      code.setBuiltinCode(builtin);
      // Codes above 127 live only in the 32-bit field, behind the placeholder (TFLite ≥ 2.4).
      code.setDeprecatedBuiltinCode((byte) Math.min(builtin, 127));
      code.setVersion(1);
      codes.add(code);
      return codes.size() - 1;
    }

    /** Declares the graph outputs. */
    public Builder outputs(int... tensorIndices) {
      this.outputs = tensorIndices.clone();
      return this;
    }

    public ModelT build() {
      ModelT model = new ModelT();
      model.setVersion(3);
      model.setOperatorCodes(codes.toArray(new OperatorCodeT[0]));
      model.setBuffers(buffers.toArray(new BufferT[0]));
      SubGraphT graph = new SubGraphT();
      graph.setTensors(tensors.toArray(new TensorT[0]));
      graph.setOperators(operators.toArray(new OperatorT[0]));
      graph.setInputs(inputs.stream().mapToInt(Integer::intValue).toArray());
      graph.setOutputs(outputs);
      graph.setName("main");
      model.setSubgraphs(new SubGraphT[] {graph});
      return model;
    }
  }

  /** The model as a {@code .tflite} byte buffer. */
  public static ByteBuffer bytes(ModelT model) {
    return ByteBuffer.wrap(model.serializeToBinary());
  }
}
