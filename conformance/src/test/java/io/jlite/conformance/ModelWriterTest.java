package io.jlite.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.DataType;
import io.jlite.Interpreter;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.loader.ModelLoader;
import io.jlite.ops.Conv2D;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.Padding;

/** Round trip: what ModelWriter writes, JLite's loader reads back as the same graph. */
class ModelWriterTest {
  @Test
  void convAndReluRoundTripToTheSameIr() {
    ModelWriter w = new ModelWriter();
    int x = w.input("x", 1, 5, 6, 3);
    float[] filter = new float[2 * 3 * 3 * 3];
    for (int i = 0; i < filter.length; i++) {
      filter[i] = i * 0.25f;
    }
    int f = w.constant("filter", filter, 2, 3, 3, 3);
    int b = w.constant("bias", new float[] {0.5f, -1f}, 2);
    int y = w.tensor("y", 1, 3, 6, 2);
    Conv2DOptionsT o = new Conv2DOptionsT();
    o.setPadding(Padding.SAME);
    o.setStrideH(2);
    o.setStrideW(1);
    o.setDilationHFactor(1);
    o.setDilationWFactor(2);
    o.setFusedActivationFunction(ActivationFunctionType.RELU6);
    w.op("CONV_2D", o, new int[] {x, f, b}, new int[] {y});
    int z = w.tensor("z", 1, 3, 6, 2);
    w.op("RELU", null, new int[] {y}, new int[] {z});
    w.output(z);

    Graph g = ModelLoader.standard().load(ByteBuffer.wrap(w.toBytes()), "written");
    assertEquals(List.of(0), g.inputs());
    assertEquals(List.of(z), g.outputs());
    assertEquals(2, g.nodes().size());
    Node conv = g.nodes().get(0);
    assertEquals("CONV_2D", conv.opName());
    assertEquals(List.of(x, f, b), conv.inputs());
    assertEquals(List.of(y), conv.outputs());
    Conv2D op = (Conv2D) conv.op();
    assertEquals(2, op.strideH());
    assertEquals(1, op.strideW());
    assertEquals(1, op.dilationH());
    assertEquals(2, op.dilationW());
    assertEquals("SAME", op.padding().name());
    assertEquals("RELU6", op.activation().name());
    assertEquals("RELU", g.nodes().get(1).opName());
    assertEquals(Shape.of(1, 5, 6, 3), g.tensor(x).shape());
    assertEquals("filter", g.tensor(f).name());
    assertEquals(DataType.FLOAT32, g.tensor(f).type());
    assertArrayEquals(filter, g.tensor(f).constant().orElseThrow().floats());
    assertArrayEquals(new float[] {0.5f, -1f}, g.tensor(b).constant().orElseThrow().floats());
  }

  @Test
  void float16ConstantsRoundToNearestHalf() {
    ModelWriter w = new ModelWriter();
    // 1 + 2^-11 is a tie between 1 and 1 + 2^-10: ties go to even (1); 65520 overflows to inf.
    float[] values = {1.5f, -0.1f, 1 + 0x1p-11f, 65520f, 0x1p-24f};
    int h = w.float16Constant("h", values, 5);
    int y = w.tensor("y", 5);
    w.op("DEQUANTIZE", null, new int[] {h}, new int[] {y});
    w.output(y);
    try (Interpreter interpreter = new Interpreter(ByteBuffer.wrap(w.toBytes()))) {
      NdArray out = interpreter.runRaw(List.of()).get(0);
      assertArrayEquals(
          new float[] {1.5f, -0.099975586f, 1f, Float.POSITIVE_INFINITY, 0x1p-24f}, out.floats());
    }
  }
}
