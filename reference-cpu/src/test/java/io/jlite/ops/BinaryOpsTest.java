package io.jlite.ops;

import static io.jlite.ops.ElementwiseTestSupport.buildFloatOp;
import static io.jlite.ops.ElementwiseTestSupport.buildOp;
import static io.jlite.ops.ElementwiseTestSupport.dims;
import static io.jlite.ops.ElementwiseTestSupport.floats;
import static io.jlite.ops.ElementwiseTestSupport.ints;
import static io.jlite.ops.ElementwiseTestSupport.runOp;
import static io.jlite.ops.ElementwiseTestSupport.scalar;
import static io.jlite.ops.ElementwiseTestSupport.spec;
import static io.jlite.ops.ElementwiseTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.DivOptionsT;
import org.tensorflow.lite.schema.MulOptionsT;
import org.tensorflow.lite.schema.SubOptionsT;

class BinaryOpsTest {

  private static SubOptionsT sub(byte activation) {
    SubOptionsT o = new SubOptionsT();
    o.setFusedActivationFunction(activation);
    return o;
  }

  private static MulOptionsT mul(byte activation) {
    MulOptionsT o = new MulOptionsT();
    o.setFusedActivationFunction(activation);
    return o;
  }

  private static DivOptionsT div(byte activation) {
    DivOptionsT o = new DivOptionsT();
    o.setFusedActivationFunction(activation);
    return o;
  }

  @Test
  void subBroadcastsRank3AgainstRank2() {
    // a [2,1,3] = {{{1,2,3}}, {{4,5,6}}}; b [4,1] = {{10},{20},{30},{40}}
    // out [2,4,3]: out[i][j][k] = a[i][0][k] - b[j][0]
    NdArray a = floats(dims(2, 1, 3), 1, 2, 3, 4, 5, 6);
    NdArray b = floats(dims(4, 1), 10, 20, 30, 40);
    NdArray out = runOp(buildFloatOp("SUB", null, 2), a, b);
    assertEquals(Shape.of(2, 4, 3), out.shape());
    assertArrayEquals(
        new float[] {
          -9, -8, -7, -19, -18, -17, -29, -28, -27, -39, -38, -37, // i = 0
          -6, -5, -4, -16, -15, -14, -26, -25, -24, -36, -35, -34 // i = 1
        },
        out.floats());
    // and the other way round: b - a has shape [2,4,3] too, with the opposite signs
    NdArray reversed = runOp(buildFloatOp("SUB", null, 2), b, a);
    assertEquals(Shape.of(2, 4, 3), reversed.shape());
    assertEquals(9f, reversed.floats()[0]);
    assertEquals(34f, reversed.floats()[23]);
  }

  @Test
  void mulWithScalarOnEitherSide() {
    NdArray m = floats(dims(2, 2), 1, -2, 3, -4);
    assertArrayEquals(
        new float[] {2, -4, 6, -8}, runOp(buildFloatOp("MUL", null, 2), m, scalar(2)).floats());
    NdArray left = runOp(buildFloatOp("MUL", null, 2), scalar(-1), m);
    assertEquals(Shape.of(2, 2), left.shape());
    assertArrayEquals(new float[] {-1, 2, -3, 4}, left.floats());
  }

  @Test
  void fusedActivationsClip() {
    // MUL: 1·3 = 3, 2·-1 = -2, 3·2.5 = 7.5, 4·0.5 = 2; RELU6 → 3, 0, 6, 2
    assertArrayEquals(
        new float[] {3, 0, 6, 2},
        runOp(
                buildFloatOp("MUL", mul(ActivationFunctionType.RELU6), 2),
                vector(1, 2, 3, 4),
                vector(3, -1, 2.5f, 0.5f))
            .floats());
    // SUB: 0.5-0 = 0.5, 3-1 = 2, -2-0 = -2; RELU_N1_TO_1 → 0.5, 1, -1
    assertArrayEquals(
        new float[] {0.5f, 1, -1},
        runOp(
                buildFloatOp("SUB", sub(ActivationFunctionType.RELU_N1_TO_1), 2),
                vector(0.5f, 3, -2),
                vector(0, 1, 0))
            .floats());
    // DIV: 1/4 = 0.25, -6/3 = -2, 7/-2 = -3.5; RELU → 0.25, 0, 0
    assertArrayEquals(
        new float[] {0.25f, 0, 0},
        runOp(
                buildFloatOp("DIV", div(ActivationFunctionType.RELU), 2),
                vector(1, -6, 7),
                vector(4, 3, -2))
            .floats());
    // MUL 0.5·1 with TANH: tanh(0.5) = 0.46211715726000974
    assertEquals(
        0.46211715726000974,
        runOp(buildFloatOp("MUL", mul(ActivationFunctionType.TANH), 2), scalar(0.5f), scalar(1))
            .floats()[0],
        1e-7f);
  }

  @Test
  void divByZeroFollowsIeee() {
    float[] out =
        runOp(buildFloatOp("DIV", null, 2), vector(1, -1, 0, 6), vector(0, 0, 0, 4)).floats();
    assertEquals(Float.POSITIVE_INFINITY, out[0]);
    assertEquals(Float.NEGATIVE_INFINITY, out[1]);
    assertTrue(Float.isNaN(out[2]));
    assertEquals(1.5f, out[3]);
  }

  @Test
  void maximumAndMinimumFollowTfliteComparisons() {
    NdArray a = vector(1, -2, 3, Float.NaN, 1, 0f);
    NdArray b = vector(0, 0, 5, 1, Float.NaN, -0f);
    float[] max = runOp(buildFloatOp("MAXIMUM", null, 2), a, b).floats();
    float[] min = runOp(buildFloatOp("MINIMUM", null, 2), a, b).floats();
    // a > b ? a : b — NaN in a yields b; max(0, -0) compares equal and yields b = -0
    assertArrayEquals(new float[] {1, 0, 5, 1, Float.NaN, -0f}, max);
    // a < b ? a : b
    assertArrayEquals(new float[] {0, -2, 3, 1, Float.NaN, -0f}, min);
    // broadcast against a scalar
    assertArrayEquals(
        new float[] {2, 2, 3},
        runOp(buildFloatOp("MAXIMUM", null, 2), vector(1, 2, 3), scalar(2)).floats());
  }

  @Test
  void squaredDifferenceAndPow() {
    // (1-4)² = 9, (5-5)² = 0, (-2-2)² = 16
    assertArrayEquals(
        new float[] {9, 0, 16},
        runOp(buildFloatOp("SQUARED_DIFFERENCE", null, 2), vector(1, 5, -2), vector(4, 5, 2))
            .floats());
    // broadcast [2,1] against [2]: (x - y)² for x in {0, 3}, y in {1, -1}
    NdArray sq =
        runOp(buildFloatOp("SQUARED_DIFFERENCE", null, 2), floats(dims(2, 1), 0, 3), vector(1, -1));
    assertEquals(Shape.of(2, 2), sq.shape());
    assertArrayEquals(new float[] {1, 1, 4, 16}, sq.floats());
    // 2³ = 8, 9^0.5 = 3, (-8)² = 64, 4^-1 = 0.25, (-8)^(1/2) = NaN
    assertArrayEquals(
        new float[] {8, 3, 64, 0.25f, Float.NaN},
        runOp(buildFloatOp("POW", null, 2), vector(2, 9, -8, 4, -8), vector(3, 0.5f, 2, -1, 0.5f))
            .floats());
  }

  @Test
  void int32Arithmetic() {
    Op mul = buildOp("MUL", null, DataType.INT32, spec(DataType.INT32, 3), spec(DataType.INT32, 3));
    NdArray product = runOp(mul, ints(dims(3), 2, 3, 65536), ints(dims(3), 4, -5, 65536));
    assertEquals(DataType.INT32, product.type());
    // 2^16 · 2^16 = 2^32 wraps to 0
    assertArrayEquals(new int[] {8, -15, 0}, product.ints());

    Op div = buildOp("DIV", null, DataType.INT32, spec(DataType.INT32, 3), spec(DataType.INT32, 3));
    // truncation toward zero: 7/2 = 3, -7/2 = -3, 7/-2 = -3
    assertArrayEquals(
        new int[] {3, -3, -3}, runOp(div, ints(dims(3), 7, -7, 7), ints(dims(3), 2, 2, -2)).ints());
    assertThrows(ArithmeticException.class, () -> runOp(div, ints(dims(1), 1), ints(dims(1), 0)));

    Op sub = buildOp("SUB", null, DataType.INT32, spec(DataType.INT32, 2), spec(DataType.INT32));
    assertArrayEquals(new int[] {-1, 9}, runOp(sub, ints(dims(2), 2, 12), ints(dims(), 3)).ints());

    Op max =
        buildOp("MAXIMUM", null, DataType.INT32, spec(DataType.INT32, 2), spec(DataType.INT32));
    assertArrayEquals(new int[] {3, 0}, runOp(max, ints(dims(2), 3, -7), ints(dims(), 0)).ints());
    Op min =
        buildOp("MINIMUM", null, DataType.INT32, spec(DataType.INT32, 2), spec(DataType.INT32));
    assertArrayEquals(new int[] {0, -7}, runOp(min, ints(dims(2), 3, -7), ints(dims(), 0)).ints());
    Op sq =
        buildOp(
            "SQUARED_DIFFERENCE",
            null,
            DataType.INT32,
            spec(DataType.INT32, 2),
            spec(DataType.INT32, 2));
    // (3-5)² = 4, (-1-2)² = 9
    assertArrayEquals(
        new int[] {4, 9}, runOp(sq, ints(dims(2), 3, -1), ints(dims(2), 5, 2)).ints());
  }

  @Test
  void rejectsWhatIsNotSupported() {
    // INT32 with a fused activation
    assertThrows(
        UnsupportedOpException.class,
        () ->
            buildOp(
                "SUB",
                sub(ActivationFunctionType.RELU),
                DataType.INT32,
                spec(DataType.INT32, 2),
                spec(DataType.INT32, 2)));
    // quantized inputs
    assertThrows(
        UnsupportedOpException.class,
        () -> buildOp("MUL", null, DataType.INT8, spec(DataType.INT8, 2), spec(DataType.INT8, 2)));
    // POW has no integer form here
    assertThrows(
        UnsupportedOpException.class,
        () ->
            buildOp("POW", null, DataType.INT32, spec(DataType.INT32, 2), spec(DataType.INT32, 2)));
    // SIGN_BIT is not a supported fused activation
    assertThrows(
        UnsupportedOpException.class,
        () -> buildFloatOp("DIV", div(ActivationFunctionType.SIGN_BIT), 2));
    // mixed float and integer inputs is a malformed model
    assertThrows(
        ModelFormatException.class,
        () ->
            buildOp(
                "MUL", null, DataType.FLOAT32, spec(DataType.FLOAT32, 2), spec(DataType.INT32, 2)));
    // options of another op
    assertThrows(ModelFormatException.class, () -> buildFloatOp("SUB", new MulOptionsT(), 2));
    // wrong input count
    assertThrows(ModelFormatException.class, () -> buildFloatOp("MAXIMUM", null, 1));
  }

  @Test
  void incompatibleShapesAreShapeMismatches() {
    Op sub = buildFloatOp("SUB", null, 2);
    assertThrows(
        ShapeMismatchException.class,
        () -> runOp(sub, floats(dims(2, 3), 1, 2, 3, 4, 5, 6), vector(1, 2)));
  }

  @Test
  void inputsAreNotModified() {
    float[] a = {1, -2, 3};
    float[] b = {4, 5, -6};
    for (String op :
        new String[] {"SUB", "MUL", "DIV", "MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE", "POW"}) {
      NdArray out = runOp(buildFloatOp(op, null, 2), vector(a), vector(b));
      assertArrayEquals(new float[] {1, -2, 3}, a, op);
      assertArrayEquals(new float[] {4, 5, -6}, b, op);
      assertTrue(out.floats() != a && out.floats() != b, op);
    }
  }
}
