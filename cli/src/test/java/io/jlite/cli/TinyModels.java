package io.jlite.cli;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/** Tiny {@code .tflite} models written with the official schema's object API, for CLI tests. */
final class TinyModels {
  static final int[] SHAPE = {1, 2, 2, 1};

  private TinyModels() {}

  /** {@code out = a + b}: inputs "a" and "b", output "out", all FLOAT32 [1, 2, 2, 1]. */
  static byte[] addTwoInputs() {
    ModelT model =
        model(
            new TensorT[] {tensor("a", 0), tensor("b", 0), tensor("out", 0)},
            new int[] {0, 1},
            opCode(BuiltinOperator.ADD, null));
    return finish(model, new BufferT[] {new BufferT()});
  }

  /** {@code out = a + c} with input "a" and the constant c = {@code constant} (4 values). */
  static byte[] addConstant(float[] constant) {
    BufferT data = new BufferT();
    data.setData(littleEndianBytes(constant));
    ModelT model =
        model(
            new TensorT[] {tensor("a", 0), tensor("c", 1), tensor("out", 0)},
            new int[] {0},
            opCode(BuiltinOperator.ADD, null));
    return finish(model, new BufferT[] {new BufferT(), data});
  }

  /** {@code out = MyOp(a, b)}, a custom op that JLite does not implement. */
  static byte[] customOp() {
    ModelT model =
        model(
            new TensorT[] {tensor("a", 0), tensor("b", 0), tensor("out", 0)},
            new int[] {0, 1},
            opCode(BuiltinOperator.CUSTOM, "MyOp"));
    return finish(model, new BufferT[] {new BufferT()});
  }

  private static ModelT model(TensorT[] tensors, int[] inputs, OperatorCodeT code) {
    OperatorT op = new OperatorT();
    op.setOpcodeIndex(0);
    op.setInputs(new int[] {0, 1});
    op.setOutputs(new int[] {2});
    if (code.getBuiltinCode() == BuiltinOperator.ADD) {
      BuiltinOptionsUnion options = new BuiltinOptionsUnion();
      options.setType(BuiltinOptions.AddOptions);
      options.setValue(new AddOptionsT());
      op.setBuiltinOptions(options);
    }
    SubGraphT graph = new SubGraphT();
    graph.setTensors(tensors);
    graph.setInputs(inputs);
    graph.setOutputs(new int[] {2});
    graph.setOperators(new OperatorT[] {op});
    graph.setName("main");
    ModelT model = new ModelT();
    model.setVersion(3);
    model.setOperatorCodes(new OperatorCodeT[] {code});
    model.setSubgraphs(new SubGraphT[] {graph});
    return model;
  }

  private static byte[] finish(ModelT model, BufferT[] buffers) {
    model.setBuffers(buffers);
    FlatBufferBuilder builder = new FlatBufferBuilder(1024);
    Model.finishModelBuffer(builder, Model.pack(builder, model));
    return builder.sizedByteArray();
  }

  private static TensorT tensor(String name, int buffer) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setShape(SHAPE.clone());
    t.setType(TensorType.FLOAT32);
    t.setBuffer(buffer);
    return t;
  }

  private static OperatorCodeT opCode(int builtin, String custom) {
    OperatorCodeT code = new OperatorCodeT();
    code.setBuiltinCode(builtin);
    code.setDeprecatedBuiltinCode((byte) builtin);
    code.setVersion(1);
    if (custom != null) {
      code.setCustomCode(custom);
    }
    return code;
  }

  /** The float32 values as the unsigned bytes of a schema buffer. */
  private static int[] littleEndianBytes(float[] values) {
    ByteBuffer bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bb.putFloat(v);
    }
    int[] bytes = new int[bb.capacity()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = Byte.toUnsignedInt(bb.get(i));
    }
    return bytes;
  }
}
