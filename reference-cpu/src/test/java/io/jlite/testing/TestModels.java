package io.jlite.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

  /** The model as a {@code .tflite} byte buffer. */
  public static ByteBuffer bytes(ModelT model) {
    return ByteBuffer.wrap(model.serializeToBinary());
  }
}
