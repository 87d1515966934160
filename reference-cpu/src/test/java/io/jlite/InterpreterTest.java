package io.jlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.testing.TestModels;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpreterTest {
  private static Interpreter addInterpreter() {
    return new Interpreter(TestModels.bytes(TestModels.add()));
  }

  @Test
  void runsWithNestedArraysLikeTfLite() {
    try (Interpreter interpreter = addInterpreter()) {
      float[][][][] a = {{{{1}, {2}}, {{3}, {4}}}};
      float[][][][] b = {{{{10}, {20}}, {{30}, {40}}}};
      float[][][][] out = new float[1][2][2][1];
      interpreter.runForMultipleInputsOutputs(new Object[] {a, b}, Map.of(0, out));
      assertArrayEquals(new float[] {11}, out[0][0][0]);
      assertArrayEquals(new float[] {44}, out[0][1][1]);
    }
  }

  @Test
  void acceptsFlatArraysAndBuffers(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("add.tflite");
    Files.write(file, TestModels.add().serializeToBinary());
    try (Interpreter interpreter = new Interpreter(file.toFile(), new Interpreter.Options())) {
      ByteBuffer a = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
      a.asFloatBuffer().put(new float[] {1, 2, 3, 4});
      FloatBuffer out = FloatBuffer.allocate(4);
      interpreter.runForMultipleInputsOutputs(
          new Object[] {a, new float[] {0.5f, 0.5f, 0.5f, 0.5f}}, Map.of(0, out));
      assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f, 4.5f}, out.array());
    }
  }

  @Test
  void describesItsInputAndOutputTensors() {
    try (Interpreter interpreter = addInterpreter()) {
      assertEquals(2, interpreter.getInputTensorCount());
      Tensor in = interpreter.getInputTensor(1);
      assertEquals("b", in.name());
      assertArrayEquals(new int[] {1, 2, 2, 1}, in.shape());
      assertEquals(DataType.FLOAT32, in.dataType());
      assertEquals(16, in.numBytes());
      assertEquals("out", interpreter.getOutputTensor(0).name());
    }
  }

  @Test
  void rejectsAWrongInputShapeNamingTheTensor() {
    try (Interpreter interpreter = addInterpreter()) {
      float[][] wrong = new float[2][2];
      ShapeMismatchException e =
          assertThrows(
              ShapeMismatchException.class,
              () ->
                  interpreter.runForMultipleInputsOutputs(
                      new Object[] {wrong, wrong}, Map.of(0, new float[4])));
      assertTrue(e.getMessage().contains("'a' (#0)"), e.getMessage());
      assertTrue(e.getMessage().contains("[1, 2, 2, 1]"), e.getMessage());
    }
  }

  @Test
  void rejectsAWrongInputType() {
    try (Interpreter interpreter = addInterpreter()) {
      int[] ints = new int[4];
      assertThrows(
          ShapeMismatchException.class,
          () ->
              interpreter.runForMultipleInputsOutputs(
                  new Object[] {ints, ints}, Map.of(0, new float[4])));
    }
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() {
    Interpreter interpreter = addInterpreter();
    interpreter.close();
    interpreter.close();
    assertThrows(IllegalStateException.class, () -> interpreter.getInputTensor(0));
    assertThrows(IllegalStateException.class, () -> interpreter.run(new float[4], new float[4]));
  }

  @Test
  void reportsAMissingFileAsAFormatError() {
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class, () -> new Interpreter(new File("/no/such/model.tflite")));
    assertTrue(e.getMessage().contains("/no/such/model.tflite"));
  }

  /**
   * A delegate that claims ADD and computes it as a + b + 100 (so its results are recognisable),
   * recording what it was given.
   */
  private static final class RecordingDelegate implements Delegate {
    final List<List<Node>> partitions = new ArrayList<>();
    boolean closed;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public boolean claims(Graph graph, Node node) {
      return node.opName().equals("ADD");
    }

    @Override
    public Kernel prepare(Graph graph, List<Node> partition) {
      partitions.add(partition);
      Node node = partition.get(0);
      return new Kernel() {
        @Override
        public void run(NdArray[] values) {
          float[] x = values[node.inputs().get(0)].floats();
          float[] y = values[node.inputs().get(1)].floats();
          float[] z = new float[x.length];
          for (int i = 0; i < z.length; i++) {
            z[i] = x[i] + y[i] + 100;
          }
          values[node.outputs().get(0)] = NdArray.of(Shape.of(1, 2, 2, 1), z);
        }

        @Override
        public void close() {
          closed = true;
        }
      };
    }

    @Override
    public void close() {}
  }

  @Test
  void delegatesRunTheOpsTheyClaim() {
    RecordingDelegate delegate = new RecordingDelegate();
    Interpreter.Options options = new Interpreter.Options().addDelegate(delegate);
    float[] out = new float[4];
    try (Interpreter interpreter = new Interpreter(TestModels.bytes(TestModels.add()), options)) {
      assertEquals(1, interpreter.delegatePartitionCount());
      interpreter.runForMultipleInputsOutputs(
          new Object[] {new float[] {1, 2, 3, 4}, new float[] {1, 1, 1, 1}}, Map.of(0, out));
    }
    assertArrayEquals(new float[] {102, 103, 104, 105}, out);
    assertEquals(1, delegate.partitions.size());
    assertTrue(delegate.closed, "interpreter closes the kernels it prepared");
  }

  /** {@code out = (a + b) + b} as a graph of two ADD nodes; {@code t = a + b} is internal. */
  private static Graph twoAdds() {
    Shape shape = Shape.of(4);
    List<io.jlite.ir.TensorSpec> tensors = new ArrayList<>();
    for (String name : List.of("a", "b", "t", "out")) {
      tensors.add(
          new io.jlite.ir.TensorSpec(
              tensors.size(),
              name,
              DataType.FLOAT32,
              shape,
              io.jlite.ir.Quantization.NONE,
              java.util.Optional.empty()));
    }
    io.jlite.ops.Op add =
        in -> {
          float[] z = new float[4];
          for (int i = 0; i < 4; i++) {
            z[i] = in[0].floats()[i] + in[1].floats()[i];
          }
          return new NdArray[] {NdArray.of(shape, z)};
        };
    List<Node> nodes =
        List.of(
            new Node(0, "ADD", List.of(0, 1), List.of(2), add),
            new Node(1, "ADD", List.of(2, 1), List.of(3), add));
    return new Graph("two-adds", tensors, nodes, List.of(0, 1), List.of(3));
  }

  @Test
  void aDelegateNeedNotProduceTensorsOnlyItsPartitionReads() {
    // Like a GPU delegate that fuses both ADDs into one kernel: it never materialises t.
    Delegate fusing =
        new Delegate() {
          @Override
          public String name() {
            return "fusing";
          }

          @Override
          public boolean claims(Graph graph, Node node) {
            return true;
          }

          @Override
          public Kernel prepare(Graph graph, List<Node> partition) {
            return new Kernel() {
              @Override
              public void run(NdArray[] values) {
                float[] a = values[0].floats();
                float[] b = values[1].floats();
                float[] out = new float[4];
                for (int i = 0; i < 4; i++) {
                  out[i] = a[i] + 2 * b[i];
                }
                values[3] = NdArray.of(Shape.of(4), out);
              }

              @Override
              public void close() {}
            };
          }

          @Override
          public void close() {}
        };
    try (Interpreter interpreter =
        new Interpreter(twoAdds(), new Interpreter.Options().addDelegate(fusing))) {
      List<NdArray> out =
          interpreter.runRaw(
              List.of(
                  NdArray.of(Shape.of(4), new float[] {1, 2, 3, 4}),
                  NdArray.of(Shape.of(4), new float[] {10, 10, 10, 10})));
      assertArrayEquals(new float[] {21, 22, 23, 24}, out.get(0).floats());
    }
  }

  @Test
  void delegatesSeeTheGraphAfterConstantFolding() {
    // With a and b constant, node 0 (a + b) is folded at creation: no delegate may be offered it.
    Graph graph = twoAdds();
    List<io.jlite.ir.TensorSpec> tensors = new ArrayList<>(graph.tensors());
    for (int t : List.of(0, 1)) {
      io.jlite.ir.TensorSpec spec = tensors.get(t);
      tensors.set(
          t,
          new io.jlite.ir.TensorSpec(
              t,
              spec.name(),
              spec.type(),
              spec.shape(),
              spec.quantization(),
              java.util.Optional.of(NdArray.of(Shape.of(4), new float[] {1, 2, 3, 4}))));
    }
    tensors.add(
        new io.jlite.ir.TensorSpec(
            4,
            "x",
            DataType.FLOAT32,
            Shape.of(4),
            io.jlite.ir.Quantization.NONE,
            java.util.Optional.empty()));
    Node first = graph.nodes().get(0);
    Node second = graph.nodes().get(1);
    // out = t + x: the second node reads the model input x, so only the first can be folded.
    List<Node> nodes = List.of(first, new Node(1, "ADD", List.of(2, 4), List.of(3), second.op()));
    Graph constants = new Graph("folded", tensors, nodes, List.of(4), List.of(3));
    RecordingDelegate recording = new RecordingDelegate();
    try (Interpreter interpreter =
        new Interpreter(constants, new Interpreter.Options().addDelegate(recording))) {
      assertEquals(1, interpreter.delegatePartitionCount());
      assertEquals(1, recording.partitions.size());
      assertEquals(List.of(1), recording.partitions.get(0).stream().map(Node::index).toList());
    }
  }
}
