package io.jlite.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.ActivationFunctionType;
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

class TfLiteRunnerTest {
  private static final int[] SHAPE = {1, 2, 2, 1};

  /** out = a + b (ADD with a fused activation), all FLOAT32 [1,2,2,1]; or one custom op. */
  private static byte[] model(boolean custom, byte activation) {
    OperatorCodeT code = new OperatorCodeT();
    OperatorT op = new OperatorT();
    if (custom) {
      code.setBuiltinCode(BuiltinOperator.CUSTOM);
      code.setDeprecatedBuiltinCode((byte) BuiltinOperator.CUSTOM);
      code.setCustomCode("NoSuchCustomOp");
    } else {
      code.setBuiltinCode(BuiltinOperator.ADD);
      code.setDeprecatedBuiltinCode((byte) BuiltinOperator.ADD);
      AddOptionsT add = new AddOptionsT();
      add.setFusedActivationFunction(activation);
      BuiltinOptionsUnion options = new BuiltinOptionsUnion();
      options.setType(BuiltinOptions.AddOptions);
      options.setValue(add);
      op.setBuiltinOptions(options);
    }
    code.setVersion(1);
    op.setOpcodeIndex(0);
    op.setInputs(new int[] {0, 1});
    op.setOutputs(new int[] {2});

    SubGraphT graph = new SubGraphT();
    graph.setTensors(new TensorT[] {tensor("a"), tensor("b"), tensor("sum")});
    graph.setInputs(new int[] {0, 1});
    graph.setOutputs(new int[] {2});
    graph.setOperators(new OperatorT[] {op});

    ModelT model = new ModelT();
    model.setVersion(3);
    model.setOperatorCodes(new OperatorCodeT[] {code});
    model.setSubgraphs(new SubGraphT[] {graph});
    // Buffer 0 is the empty buffer by convention; every tensor here refers to it.
    model.setBuffers(new BufferT[] {new BufferT()});
    FlatBufferBuilder builder = new FlatBufferBuilder(1024);
    builder.finish(Model.pack(builder, model), "TFL3");
    return builder.sizedByteArray();
  }

  private static TensorT tensor(String name) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setShape(SHAPE.clone());
    t.setType(TensorType.FLOAT32);
    t.setBuffer(0);
    return t;
  }

  @Test
  void addsTwoInputs() {
    try (TfLiteRunner runner = new TfLiteRunner(model(false, ActivationFunctionType.NONE), 1)) {
      assertEquals(2, runner.inputCount());
      assertEquals(1, runner.outputCount());
      assertArrayEquals(SHAPE, runner.inputShape(0));
      assertArrayEquals(SHAPE, runner.inputShape(1));
      assertArrayEquals(SHAPE, runner.outputShape(0));
      assertEquals("a", runner.inputName(0));
      assertEquals("b", runner.inputName(1));
      assertEquals("sum", runner.outputName(0));
      // 1+10=11, 2+20=22, -3+0.5=-2.5, 4+(-4)=0
      float[][] out = runner.run(new float[][] {{1, 2, -3, 4}, {10, 20, 0.5f, -4}});
      assertEquals(1, out.length);
      assertArrayEquals(new float[] {11, 22, -2.5f, 0}, out[0]);
      // A second run with other values must not see the first one's.
      assertArrayEquals(
          new float[] {0, 0, 0, 0}, runner.run(new float[][] {{1, 1, 1, 1}, {-1, -1, -1, -1}})[0]);
    }
  }

  @Test
  void appliesFusedActivation() {
    try (TfLiteRunner runner = new TfLiteRunner(model(false, ActivationFunctionType.RELU6), 1)) {
      // relu6(1+10)=6, relu6(2-5)=0, relu6(0.25+0.5)=0.75, relu6(4+2)=6
      float[][] out = runner.run(new float[][] {{1, 2, 0.25f, 4}, {10, -5, 0.5f, 2}});
      assertArrayEquals(new float[] {6, 0, 0.75f, 6}, out[0]);
    }
  }

  @Test
  void loadsFromPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("add.tflite");
    Files.write(file, model(false, ActivationFunctionType.NONE));
    try (TfLiteRunner runner = new TfLiteRunner(file, 2)) {
      // 0.5+0.25=0.75, -1+1=0, 3+3=6, 7-8=-1
      assertArrayEquals(
          new float[] {0.75f, 0, 6, -1},
          runner.run(new float[][] {{0.5f, -1, 3, 7}, {0.25f, 1, 3, -8}})[0]);
    }
  }

  @Test
  void unresolvedCustomOpIsRejectedWithTfLitesReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TfLiteRunner(model(true, ActivationFunctionType.NONE), 1));
    // The op name reaches the message only if the va_list of TFLite's report was read right.
    assertTrue(e.getMessage().contains("unresolved custom op: NoSuchCustomOp"), e.getMessage());
    assertTrue(e.getMessage().contains("Node number 0 (NoSuchCustomOp)"), e.getMessage());
  }

  @Test
  void garbageIsRejected() {
    byte[] garbage = new byte[64];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 37 + 11);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TfLiteRunner(garbage, 1));
    assertTrue(e.getMessage().startsWith("TFLite cannot load the model"), e.getMessage());
  }

  @Test
  void checksInputs() {
    try (TfLiteRunner runner = new TfLiteRunner(model(false, ActivationFunctionType.NONE), 1)) {
      assertThrows(IllegalArgumentException.class, () -> runner.run(new float[][] {{1, 2, 3, 4}}));
      assertThrows(
          IllegalArgumentException.class,
          () -> runner.run(new float[][] {{1, 2, 3}, {1, 2, 3, 4}}));
      assertThrows(IndexOutOfBoundsException.class, () -> runner.inputShape(2));
    }
  }

  @Test
  void closeIsIdempotentAndFinal() {
    TfLiteRunner runner = new TfLiteRunner(model(false, ActivationFunctionType.NONE), 1);
    runner.close();
    runner.close();
    assertThrows(IllegalStateException.class, runner::inputCount);
    assertThrows(
        IllegalStateException.class, () -> runner.run(new float[][] {new float[4], new float[4]}));
  }

  @Test
  void manyRunnersCanBeOpenAtOnce() {
    // One native error-reporter callback serves all runners; more than JavaCPP's callback slots.
    TfLiteRunner[] runners = new TfLiteRunner[24];
    try {
      for (int i = 0; i < runners.length; i++) {
        runners[i] = new TfLiteRunner(model(false, ActivationFunctionType.NONE), 1);
      }
      // i + 2i = 3i in every element
      for (int i = 0; i < runners.length; i++) {
        float v = i;
        float[] out = runners[i].run(new float[][] {{v, v, v, v}, {2 * v, 2 * v, 2 * v, 2 * v}})[0];
        assertArrayEquals(new float[] {3 * v, 3 * v, 3 * v, 3 * v}, out);
      }
    } finally {
      for (TfLiteRunner r : runners) {
        if (r != null) {
          r.close();
        }
      }
    }
  }

  @Test
  void modelBytesMayChangeAfterLoading() {
    // The runner keeps its own copy of the model: the caller's array is free to change.
    byte[] bytes = model(false, ActivationFunctionType.NONE);
    try (TfLiteRunner runner = new TfLiteRunner(bytes, 1)) {
      java.util.Arrays.fill(bytes, (byte) 0);
      // 1+1=2, 2+2=4, 3+3=6, 4+4=8
      assertArrayEquals(
          new float[] {2, 4, 6, 8}, runner.run(new float[][] {{1, 2, 3, 4}, {1, 2, 3, 4}})[0]);
    }
  }
}
