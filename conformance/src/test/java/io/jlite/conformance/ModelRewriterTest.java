package io.jlite.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import io.jlite.tflite.TfLiteRunner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

class ModelRewriterTest {
  private static final int SAME = 1;
  private static final int VALID = 2;

  /**
   * A model of one {@code CUSTOM:Convolution2DTransposeBias}: input [1,2,2,1] (graph input),
   * constant weights [1,kH,kW,1] and bias [1], output [1,outH,outW,1].
   */
  private static ModelT customOpModel(
      int padding, int strideW, int strideH, float[] weights, int k, int outH, int outW) {
    OperatorCodeT code = new OperatorCodeT();
    code.setBuiltinCode(BuiltinOperator.CUSTOM);
    code.setDeprecatedBuiltinCode((byte) BuiltinOperator.CUSTOM);
    code.setCustomCode(ModelRewriter.CONVOLUTION_2D_TRANSPOSE_BIAS);
    code.setVersion(1);

    OperatorT op = new OperatorT();
    op.setOpcodeIndex(0);
    op.setInputs(new int[] {0, 1, 2});
    op.setOutputs(new int[] {3});
    op.setCustomOptions(littleEndianInts(padding, strideW, strideH));

    SubGraphT graph = new SubGraphT();
    graph.setTensors(
        new TensorT[] {
          tensor("input", new int[] {1, 2, 2, 1}, 0),
          tensor("weights", new int[] {1, k, k, 1}, 1),
          tensor("bias", new int[] {1}, 2),
          tensor("output", new int[] {1, outH, outW, 1}, 0)
        });
    graph.setInputs(new int[] {0});
    graph.setOutputs(new int[] {3});
    graph.setOperators(new OperatorT[] {op});

    ModelT model = new ModelT();
    model.setVersion(3);
    model.setOperatorCodes(new OperatorCodeT[] {code});
    model.setSubgraphs(new SubGraphT[] {graph});
    model.setBuffers(new BufferT[] {new BufferT(), floatBuffer(weights), floatBuffer(0.5f)});
    return model;
  }

  private static TensorT tensor(String name, int[] shape, int buffer) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setShape(shape);
    t.setType(TensorType.FLOAT32);
    t.setBuffer(buffer);
    return t;
  }

  private static BufferT floatBuffer(float... values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putFloat(v);
    }
    return bytes(bytes);
  }

  private static int[] littleEndianInts(int... values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bytes.putInt(v);
    }
    return bytes(bytes).getData();
  }

  private static BufferT bytes(ByteBuffer bytes) {
    int[] data = new int[bytes.capacity()];
    for (int i = 0; i < data.length; i++) {
      data[i] = bytes.get(i) & 0xff;
    }
    BufferT buffer = new BufferT();
    buffer.setData(data);
    return buffer;
  }

  private static List<String> opNames(byte[] model) {
    Graph graph = ModelLoader.standard().load(ByteBuffer.wrap(model), "test model");
    return graph.nodes().stream().map(Node::opName).toList();
  }

  @Test
  void replacesTheCustomOpByTransposeConv() {
    ModelT model = customOpModel(VALID, 2, 1, new float[] {1, 2, 3, 4}, 2, 3, 4);
    assertEquals(1, ModelRewriter.convolution2DTransposeBiasToTransposeConv(model));

    // Structure: one operator code, TRANSPOSE_CONV; inputs (output_shape, weights, input, bias).
    assertEquals(1, model.getOperatorCodes().length);
    assertEquals(BuiltinOperator.TRANSPOSE_CONV, model.getOperatorCodes()[0].getBuiltinCode());
    OperatorT op = model.getSubgraphs()[0].getOperators()[0];
    assertEquals(0, op.getOpcodeIndex());
    assertArrayEquals(new int[] {4, 1, 0, 2}, op.getInputs());
    TransposeConvOptionsT options = (TransposeConvOptionsT) op.getBuiltinOptions().getValue();
    assertEquals(Padding.VALID, options.getPadding());
    assertEquals(2, options.getStrideW());
    assertEquals(1, options.getStrideH());
    TensorT outputShape = model.getSubgraphs()[0].getTensors()[4];
    assertEquals(TensorType.INT32, outputShape.getType());
    // [1, 3, 4, 1] as little-endian int32
    assertArrayEquals(
        littleEndianInts(1, 3, 4, 1), model.getBuffers()[(int) outputShape.getBuffer()].getData());

    // Round trip through the writer and JLite's loader.
    assertEquals(List.of("TRANSPOSE_CONV"), opNames(ModelRewriter.write(model)));
  }

  @Test
  void leavesOtherModelsAlone() {
    ModelT model = customOpModel(VALID, 2, 1, new float[] {1, 2, 3, 4}, 2, 3, 4);
    model.getOperatorCodes()[0].setCustomCode("SomethingElse");
    assertEquals(0, ModelRewriter.convolution2DTransposeBiasToTransposeConv(model));
    assertEquals("SomethingElse", model.getOperatorCodes()[0].getCustomCode());
  }

  @Test
  void rejectsMalformedCustomOptions() {
    ModelT model = customOpModel(3, 2, 1, new float[] {1, 2, 3, 4}, 2, 3, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelRewriter.convolution2DTransposeBiasToTransposeConv(model));
    assertTrue(e.getMessage().contains("padding 3"), e.getMessage());
  }

  @Test
  void tfLiteRunsTheRewrittenModelWithAsymmetricStrides() {
    // VALID, stride_w 2, stride_h 1, in [[1,2],[3,4]], w [[1,2],[3,4]], bias 0.5: output 3x4,
    // out[y + ky][2x + kx] += in[y][x] * w[ky][kx]
    //   row 0: 1*1, 1*2, 2*1, 2*2                       = 1, 2, 2, 4
    //   row 1: (1*3 + 3*1), (1*4 + 3*2), (2*3 + 4*1), (2*4 + 4*2) = 6, 10, 10, 16
    //   row 2: 3*3, 3*4, 4*3, 4*4                       = 9, 12, 12, 16
    ModelT model = customOpModel(VALID, 2, 1, new float[] {1, 2, 3, 4}, 2, 3, 4);
    ModelRewriter.convolution2DTransposeBiasToTransposeConv(model);
    try (TfLiteRunner tflite = new TfLiteRunner(ModelRewriter.write(model), 1)) {
      float[] out = tflite.run(new float[][] {{1, 2, 3, 4}})[0];
      assertArrayEquals(
          new float[] {
            1.5f, 2.5f, 2.5f, 4.5f, 6.5f, 10.5f, 10.5f, 16.5f, 9.5f, 12.5f, 12.5f, 16.5f
          },
          out);
    }
  }

  @Test
  void tfLiteRunsTheRewrittenModelWithSamePadding() {
    // SAME, stride 1, 3x3 kernel with w[0][0] = 1, w[2][2] = 2, others 0; in [[1,2],[3,4]].
    // The full (uncropped) result is 4x4: in at the top-left, 2*in at the bottom-right.
    // SAME pads like the forward conv from a 2x2 output: total (2-1)*1 + 3 - 2 = 2, top/left 1,
    // so the output is rows and columns 1..2 of the full result: [[4, 0], [0, 2]], + bias 0.5.
    ModelT model = customOpModel(SAME, 1, 1, new float[] {1, 0, 0, 0, 0, 0, 0, 0, 2}, 3, 2, 2);
    ModelRewriter.convolution2DTransposeBiasToTransposeConv(model);
    try (TfLiteRunner tflite = new TfLiteRunner(ModelRewriter.write(model), 1)) {
      float[] out = tflite.run(new float[][] {{1, 2, 3, 4}})[0];
      assertArrayEquals(new float[] {4.5f, 0.5f, 0.5f, 2.5f}, out);
    }
  }

  @Test
  void rewritesTheSelfieSegmentationModel() throws Exception {
    byte[] original = Files.readAllBytes(ModelCatalog.standard().path("selfie_segmentation"));
    List<String> before = opNames(original);
    ModelT model = ModelRewriter.read(ByteBuffer.wrap(original));
    assertEquals(1, ModelRewriter.convolution2DTransposeBiasToTransposeConv(model));
    List<String> after = opNames(ModelRewriter.write(model));

    assertEquals(before.size(), after.size());
    int index = before.indexOf("CUSTOM:" + ModelRewriter.CONVOLUTION_2D_TRANSPOSE_BIAS);
    assertTrue(index >= 0, before.toString());
    assertEquals("TRANSPOSE_CONV", after.get(index));
    assertFalse(after.stream().anyMatch(n -> n.startsWith("CUSTOM:")), after.toString());
    for (int i = 0; i < before.size(); i++) {
      if (i != index) {
        assertEquals(before.get(i), after.get(i), "op #" + i);
      }
    }
  }
}
