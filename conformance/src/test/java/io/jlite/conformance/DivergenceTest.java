package io.jlite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ir.Shape;
import io.jlite.models.ModelCatalog;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/** The first-divergent-op finder behind {@code jlite run --compare}. */
class DivergenceTest {
  private static final Divergence.Engine CPU = Divergence.engine("cpu");
  private static final Divergence.Engine TFLITE = Divergence.engine("tflite");

  @Test
  void realModelHasNoDivergenceBetweenCpuAndTfLite() throws Exception {
    byte[] model = Files.readAllBytes(ModelCatalog.standard().path("face_detection_short_range"));
    float[][] inputs = uniformInputs(model);
    assertEquals(Optional.empty(), Divergence.find(model, model, inputs, CPU, TFLITE));
  }

  /**
   * A copy of the real model with one weight moved by 1 (the first element of the first constant
   * read by op #8 or later): the finder must name exactly the op that reads it, with its output.
   */
  @Test
  void perturbedWeightNamesTheOpThatReadsIt() throws Exception {
    byte[] original =
        Files.readAllBytes(ModelCatalog.standard().path("face_detection_short_range"));
    ModelT model = ModelRewriter.read(ByteBuffer.wrap(original));
    SubGraphT graph = model.getSubgraphs()[0];
    int perturbedOp = -1;
    OperatorT[] ops = graph.getOperators();
    for (int i = 8; i < ops.length && perturbedOp < 0; i++) {
      for (int t : ops[i].getInputs()) {
        if (t >= 0 && perturbFirstElement(graph.getTensors()[t], model.getBuffers())) {
          perturbedOp = i;
          break;
        }
      }
    }
    assertTrue(perturbedOp >= 0, "no op with a float constant input");
    byte[] perturbed = ModelRewriter.write(model);
    float[][] inputs = uniformInputs(original);

    Divergence.Found found =
        Divergence.find(original, perturbed, inputs, TFLITE, CPU).orElseThrow();
    assertEquals(perturbedOp, found.opIndex(), found.describe("tflite", "cpu"));
    int output = ops[perturbedOp].getOutputs()[0];
    assertEquals(output, found.tensor());
    assertEquals(graph.getTensors()[output].getName(), found.tensorName());
    assertTrue(found.comparison().maxAbsError() > 0.01, found.describe("tflite", "cpu"));
    System.out.println(found.describe("tflite", "cpu"));
  }

  @Test
  void namesOpTypeOptionsAndTensor() {
    // x -> ADD(+1, RELU6) -> ADD(+c) ; the second model's c differs by 3 at element 2.
    byte[] a = twoAdds(0f);
    byte[] b = twoAdds(3f);
    float[][] inputs = {{0.5f, -2f, 1f, 7f}};
    Divergence.Found found = Divergence.find(a, b, inputs, CPU, CPU).orElseThrow();
    assertEquals(1, found.opIndex());
    assertEquals("ADD", found.opName());
    assertEquals("sum", found.tensorName());
    assertEquals(java.util.List.of(1, 4), found.shape());
    assertEquals(3.0, found.comparison().maxAbsError(), 1e-6);
    assertEquals(2, found.comparison().worstIndex());
    assertEquals(0.75, found.comparison().meanAbsError(), 1e-6);
    String text = found.describe("a", "b");
    assertTrue(text.contains("#1 ADD"), text);
    assertTrue(text.contains("'sum'"), text);
    assertTrue(text.contains("activation=NONE"), text);

    assertEquals(Optional.empty(), Divergence.find(a, a, inputs, CPU, TFLITE));
  }

  private static byte[] twoAdds(float delta) {
    ModelWriter w = new ModelWriter();
    int x = w.input("x", 1, 4);
    int one = w.constant("one", new float[] {1, 1, 1, 1}, 1, 4);
    int relu = w.tensor("relu6", 1, 4);
    AddOptionsT first = new AddOptionsT();
    first.setFusedActivationFunction(ActivationFunctionType.RELU6);
    w.op("ADD", first, new int[] {x, one}, new int[] {relu});
    int c = w.constant("c", new float[] {0.5f, 0.5f, 0.5f + delta, 0.5f}, 1, 4);
    int sum = w.tensor("sum", 1, 4);
    w.op("ADD", new AddOptionsT(), new int[] {relu, c}, new int[] {sum});
    return w.output(sum).toBytes();
  }

  /** Adds 1 to the first element of a FLOAT32 or FLOAT16 constant; false if t is no such. */
  private static boolean perturbFirstElement(TensorT t, BufferT[] buffers) {
    int[] data = buffers[(int) t.getBuffer()].getData();
    if (data == null || data.length < 4) {
      return false;
    }
    ByteBuffer bytes = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) {
      bytes.put((byte) data[i]);
    }
    if (t.getType() == TensorType.FLOAT32) {
      bytes.putFloat(0, bytes.getFloat(0) + 1);
    } else if (t.getType() == TensorType.FLOAT16) {
      float v = io.jlite.loader.Float16.toFloat(bytes.getShort(0));
      bytes.putShort(0, Float16Bits.fromFloat(v + 1));
    } else {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      data[i] = bytes.get(i) & 0xff;
    }
    return true;
  }

  private static float[][] uniformInputs(byte[] model) {
    try (io.jlite.Interpreter i = new io.jlite.Interpreter(ByteBuffer.wrap(model))) {
      Random random = new Random(7);
      float[][] inputs = new float[i.getInputTensorCount()][];
      for (int k = 0; k < inputs.length; k++) {
        int n = Shape.of(i.getInputTensor(k).shape()).size();
        inputs[k] = new float[n];
        for (int j = 0; j < n; j++) {
          inputs[k][j] = random.nextFloat() * 2 - 1;
        }
      }
      return inputs;
    }
  }
}
