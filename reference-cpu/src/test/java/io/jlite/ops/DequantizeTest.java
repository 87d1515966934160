package io.jlite.ops;

import static io.jlite.ops.ElementwiseTestSupport.buildOp;
import static io.jlite.ops.ElementwiseTestSupport.runOp;
import static io.jlite.ops.ElementwiseTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class DequantizeTest {

  private static Op dequantize(DataType type, Quantization q, int... dims) {
    return buildOp("DEQUANTIZE", null, DataType.FLOAT32, spec(type, q, dims));
  }

  private static NdArray quantized(DataType type, int[] dims, int... values) {
    return NdArray.ofInts(type, Shape.of(dims), values);
  }

  @Test
  void int8PerChannelAlongTheFirstAxis() {
    // [2,3], one scale and zero point per row: row 0 scale 0.5 zp 0, row 1 scale 0.25 zp -1
    Quantization q = new Quantization(List.of(0.5f, 0.25f), List.of(0L, -1L), 0);
    Op op = dequantize(DataType.INT8, q, 2, 3);
    assertEquals(new Dequantize(q), op);
    NdArray out = runOp(op, quantized(DataType.INT8, new int[] {2, 3}, -128, 0, 127, -1, 3, 10));
    // row 0: 0.5·(-128-0) = -64, 0.5·0 = 0, 0.5·127 = 63.5
    // row 1: 0.25·(-1+1) = 0, 0.25·(3+1) = 1, 0.25·(10+1) = 2.75
    assertEquals(DataType.FLOAT32, out.type());
    assertEquals(Shape.of(2, 3), out.shape());
    assertArrayEquals(new float[] {-64, 0, 63.5f, 0, 1, 2.75f}, out.floats());
  }

  @Test
  void int8PerChannelAlongTheLastAxis() {
    // [2,3], one scale and zero point per column: (1, 0), (0.5, 10), (2, -3)
    Quantization q = new Quantization(List.of(1f, 0.5f, 2f), List.of(0L, 10L, -3L), 1);
    NdArray out =
        runOp(
            dequantize(DataType.INT8, q, 2, 3),
            quantized(DataType.INT8, new int[] {2, 3}, 1, 2, 3, 4, 5, 6));
    // column 0: 1·1 = 1, 1·4 = 4; column 1: 0.5·(2-10) = -4, 0.5·(5-10) = -2.5;
    // column 2: 2·(3+3) = 12, 2·(6+3) = 18
    assertArrayEquals(new float[] {1, -4, 12, 4, -2.5f, 18}, out.floats());
  }

  @Test
  void perChannelAlongAMiddleAxis() {
    // [2,2,2] with scales {1, 10} along axis 1: elements (o, c, i) = 1..8 in row-major order
    Quantization q = new Quantization(List.of(1f, 10f), List.of(0L, 0L), 1);
    NdArray out =
        runOp(
            dequantize(DataType.INT8, q, 2, 2, 2),
            quantized(DataType.INT8, new int[] {2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8));
    // (0,0,·) = 1, 2; (0,1,·) = 30, 40; (1,0,·) = 5, 6; (1,1,·) = 70, 80
    assertArrayEquals(new float[] {1, 2, 30, 40, 5, 6, 70, 80}, out.floats());
  }

  @Test
  void uint8AndInt16PerTensor() {
    Quantization u8 = new Quantization(List.of(0.5f), List.of(128L), 0);
    // 0.5·(0-128) = -64, 0.5·(128-128) = 0, 0.5·(255-128) = 63.5
    assertArrayEquals(
        new float[] {-64, 0, 63.5f},
        runOp(
                dequantize(DataType.UINT8, u8, 3),
                quantized(DataType.UINT8, new int[] {3}, 0, 128, 255))
            .floats());
    Quantization i16 = new Quantization(List.of(0x1p-10f), List.of(0L), 0);
    // 2^-10·-32768 = -32, 2^-10·1 = 0.0009765625, 2^-10·32767 = 31.9990234375
    assertArrayEquals(
        new float[] {-32, 0x1p-10f, 32767 * 0x1p-10f},
        runOp(
                dequantize(DataType.INT16, i16, 3),
                quantized(DataType.INT16, new int[] {3}, -32768, 1, 32767))
            .floats());
  }

  @Test
  void roundsTheRealProductOnce() {
    // scale 0.1f = 0.100000001490116...; the exact products are rounded to the nearest float:
    // 0.1f·3 = 0.30000000447... → 0.3f = 0.30000001192... (the float below is 0.29999998211...)
    // 0.1f·7 = 0.70000001043... → 0.7f = 0.69999998807... (the float above is 0.70000004768...)
    Quantization q = new Quantization(List.of(0.1f), List.of(0L), 0);
    float[] out =
        runOp(dequantize(DataType.INT8, q, 2), quantized(DataType.INT8, new int[] {2}, 3, 7))
            .floats();
    assertEquals(0.3f, out[0]);
    assertEquals(0.7f, out[1]);
  }

  @Test
  void float16IsCopiedExactly() {
    // 0.5, the largest half 65504, the smallest subnormal half 2^-24, -2
    float[] values = {0.5f, 65504f, 0x1p-24f, -2f};
    NdArray half = NdArray.ofFloats(DataType.FLOAT16, Shape.of(2, 2), values);
    Op op = buildOp("DEQUANTIZE", null, DataType.FLOAT32, spec(DataType.FLOAT16, 2, 2));
    assertEquals(new Dequantize(Quantization.NONE), op);
    NdArray out = runOp(op, half);
    assertEquals(DataType.FLOAT32, out.type());
    assertEquals(Shape.of(2, 2), out.shape());
    assertArrayEquals(new float[] {0.5f, 65504f, 5.9604645e-8f, -2f}, out.floats());
    assertNotSame(values, out.floats());
    assertArrayEquals(new float[] {0.5f, 65504f, 0x1p-24f, -2f}, values);
  }

  @Test
  void rejectsBadQuantization() {
    // an integer tensor without quantization
    assertThrows(ModelFormatException.class, () -> dequantize(DataType.INT8, Quantization.NONE, 2));
    // two scales, one zero point
    assertThrows(
        ModelFormatException.class,
        () -> dequantize(DataType.INT8, new Quantization(List.of(1f, 2f), List.of(0L), 0), 2));
    // three per-channel scales along an axis of size 2
    assertThrows(
        ModelFormatException.class,
        () ->
            dequantize(
                DataType.INT8,
                new Quantization(List.of(1f, 2f, 3f), List.of(0L, 0L, 0L), 0),
                2,
                3));
    // the quantized dimension outside the shape
    assertThrows(
        ModelFormatException.class,
        () ->
            dequantize(DataType.INT8, new Quantization(List.of(1f, 2f), List.of(0L, 0L), 2), 2, 2));
    // types DEQUANTIZE does not take
    assertThrows(
        UnsupportedOpException.class, () -> dequantize(DataType.INT32, Quantization.NONE, 2));
    assertThrows(
        UnsupportedOpException.class, () -> dequantize(DataType.FLOAT32, Quantization.NONE, 2));
  }

  @Test
  void runtimeShapeMustFitTheChannels() {
    Quantization q = new Quantization(List.of(1f, 2f), List.of(0L, 0L), 0);
    Op op = dequantize(DataType.INT8, q, 2);
    assertThrows(
        ShapeMismatchException.class,
        () -> runOp(op, quantized(DataType.INT8, new int[] {3}, 1, 2, 3)));
    assertThrows(
        ShapeMismatchException.class, () -> runOp(op, NdArray.of(Shape.of(2), new float[] {1, 2})));
  }
}
