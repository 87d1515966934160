package io.jlite.ops;

import static io.jlite.ops.ElementwiseTestSupport.buildFloatOp;
import static io.jlite.ops.ElementwiseTestSupport.dims;
import static io.jlite.ops.ElementwiseTestSupport.floats;
import static io.jlite.ops.ElementwiseTestSupport.runOp;
import static io.jlite.ops.ElementwiseTestSupport.unary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.DataType;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.junit.jupiter.api.Test;

class MathOpsTest {
  private static final float INF = Float.POSITIVE_INFINITY;
  private static final float NAN = Float.NaN;

  @Test
  void expAndLog() {
    // e^0 = 1, e^1 = 2.718281828459045, e^-1 = 0.36787944117144233
    float[] exp = unary("EXP", null, 0, 1, -1);
    assertEquals(1f, exp[0]);
    assertEquals(2.718281828459045, exp[1], 2e-7);
    assertEquals(0.36787944117144233, exp[2], 1e-7);
    // ln 1 = 0, ln 8 = 3·ln 2 = 2.0794415416798357, ln 0 = -∞, ln -1 = NaN
    assertArrayEquals(new float[] {0, 2.0794415f, -INF, NAN}, unary("LOG", null, 1, 8, 0, -1));
  }

  @Test
  void signOps() {
    assertArrayEquals(new float[] {2.5f, 0, 3, INF}, unary("ABS", null, -2.5f, 0, 3, -INF));
    assertArrayEquals(new float[] {-1, 2, -INF}, unary("NEG", null, 1, -2, INF));
    assertArrayEquals(
        new float[] {9, 2.25f, 0.01f * 0.01f}, unary("SQUARE", null, 3, -1.5f, 0.01f));
  }

  @Test
  void roots() {
    // √4 = 2, √2 = 1.4142135623730951 → nearest float 1.4142135f, √0 = 0, √-1 = NaN
    assertArrayEquals(new float[] {2, 1.4142135f, 0, NAN}, unary("SQRT", null, 4, 2, 0, -1));
    // 1/√4 = 0.5, 1/√0.25 = 2, 1/√0 = +∞, 1/√2 = 1 / 1.4142135f
    assertArrayEquals(
        new float[] {0.5f, 2, INF, 1f / 1.4142135f}, unary("RSQRT", null, 4, 0.25f, 0, 2));
  }

  @Test
  void trigonometry() {
    // sin 1 = 0.8414709848078965, cos 1 = 0.5403023058681398
    float[] sin = unary("SIN", null, 0, 1);
    float[] cos = unary("COS", null, 0, 1);
    assertEquals(0f, sin[0]);
    assertEquals(0.8414709848078965, sin[1], 1e-7);
    assertEquals(1f, cos[0]);
    assertEquals(0.5403023058681398, cos[1], 1e-7);
  }

  @Test
  void floorAndCeil() {
    assertArrayEquals(new float[] {1, -2, 2, -1}, unary("FLOOR", null, 1.5f, -1.5f, 2, -0.2f));
    assertArrayEquals(new float[] {2, -1, 2, 1}, unary("CEIL", null, 1.5f, -1.5f, 2, 0.2f));
  }

  @Test
  void roundHalfToEven() {
    // ties go to the even neighbour: 0.5 → 0, 1.5 → 2, 2.5 → 2, -1.5 → -2, -2.5 → -2;
    // others to the nearest: 2.4 → 2, 2.6 → 3, -2.6 → -3
    assertArrayEquals(
        new float[] {0, 2, 2, -2, -2, 2, 3, -3},
        unary("ROUND", null, 0.5f, 1.5f, 2.5f, -1.5f, -2.5f, 2.4f, 2.6f, -2.6f));
    // TFLite's ⌊x⌋ + 1 gives +0 for -0.5 and -0.3 (Math.rint would give -0); assertArrayEquals
    // compares the bits, so the sign of zero is checked
    assertArrayEquals(new float[] {0f, 0f, 8388609f}, unary("ROUND", null, -0.5f, -0.3f, 8388609f));
  }

  @Test
  void keepsShapeAndConvertsFp16() {
    NdArray half = NdArray.ofFloats(DataType.FLOAT16, Shape.of(2, 1), new float[] {4, 9});
    NdArray out = runOp(buildFloatOp("SQRT", null, 1), half);
    assertEquals(DataType.FLOAT32, out.type());
    assertEquals(Shape.of(2, 1), out.shape());
    assertArrayEquals(new float[] {2, 3}, out.floats());
    NdArray scalar = runOp(buildFloatOp("NEG", null, 1), floats(dims(), 5));
    assertEquals(Shape.scalar(), scalar.shape());
    assertArrayEquals(new float[] {-5}, scalar.floats());
  }
}
