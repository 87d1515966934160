package io.jlite.ops;

import static io.jlite.ops.ElementwiseTestSupport.buildFloatOp;
import static io.jlite.ops.ElementwiseTestSupport.buildOp;
import static io.jlite.ops.ElementwiseTestSupport.dims;
import static io.jlite.ops.ElementwiseTestSupport.floats;
import static io.jlite.ops.ElementwiseTestSupport.runOp;
import static io.jlite.ops.ElementwiseTestSupport.spec;
import static io.jlite.ops.ElementwiseTestSupport.unary;
import static io.jlite.ops.ElementwiseTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.GeluOptionsT;
import org.tensorflow.lite.schema.LeakyReluOptionsT;

class ActivationOpsTest {

  @Test
  void reluFamilyClamps() {
    assertArrayEquals(new float[] {0, 0, 0, 0.5f, 7}, unary("RELU", null, -2, -0.5f, 0, 0.5f, 7));
    assertArrayEquals(new float[] {0, 3, 6, 6}, unary("RELU6", null, -1, 3, 6, 6.5f));
    assertArrayEquals(
        new float[] {-1, -1, 0.25f, 1, 1}, unary("RELU_N1_TO_1", null, -3, -1, 0.25f, 1, 2));
    assertArrayEquals(new float[] {0, 0.25f, 1, 1}, unary("RELU_0_TO_1", null, -3, 0.25f, 1, 2));
  }

  @Test
  void hardSwish() {
    // x · relu6(x + 3) / 6:
    // -4 → -4·0/6 = -0; -3 → -3·0/6 = -0; -1 → -1·2/6 = -1/3; 0 → 0·3/6 = 0;
    // 1 → 1·4/6 = 2/3; 3 → 3·6/6 = 3; 6 → 6·6/6 = 6 (relu6(9) = 6)
    float[] out = unary("HARD_SWISH", null, -4, -3, -1, 0, 1, 3, 6);
    float[] expected = {0, 0, -1f / 3, 0, 2f / 3, 3, 6};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], out[i], 1e-7f, "element " + i);
    }
  }

  @Test
  void leakyReluUsesAlpha() {
    LeakyReluOptionsT options = new LeakyReluOptionsT();
    options.setAlpha(0.25f);
    // -8·0.25 = -2, -1·0.25 = -0.25, 0 stays 0 (0 is not > 0: 0·0.25 = 0), 2 stays 2
    assertArrayEquals(new float[] {-2, -0.25f, 0, 2}, unary("LEAKY_RELU", options, -8, -1, 0, 2));
    assertEquals(new LeakyRelu(0.25f), buildFloatOp("LEAKY_RELU", options, 1));
    options.setAlpha(Float.NaN);
    assertThrows(ModelFormatException.class, () -> buildFloatOp("LEAKY_RELU", options, 1));
  }

  @Test
  void elu() {
    // e^-1 - 1 = -0.6321205588285577; 0 and 2 pass through
    float[] out = unary("ELU", null, -1, 0, 2);
    assertEquals(-0.6321205588285577, out[0], 1e-7f);
    assertEquals(0f, out[1]);
    assertEquals(2f, out[2]);
  }

  @Test
  void tanhAndLogistic() {
    // tanh(0.5) = 0.46211715726000974, tanh(-1) = -0.7615941559557649
    float[] tanh = unary("TANH", null, 0, 0.5f, -1, 20);
    assertEquals(0f, tanh[0]);
    assertEquals(0.46211715726000974, tanh[1], 1e-7);
    assertEquals(-0.7615941559557649, tanh[2], 1e-7);
    assertEquals(1f, tanh[3]);
    // σ(0) = 0.5, σ(1) = 0.7310585786300049, σ(-1) = 0.2689414213699951,
    // above the upper cut-off exactly 1; below -9 TFLite returns e^x: e^-10 = 4.5399929762484854e-5
    // (the true σ(-10) = 4.5397868702434395e-5 differs by 2e-9, more than the tolerance here)
    float[] out = unary("LOGISTIC", null, 0, 1, -1, 17, -10);
    assertEquals(0.5f, out[0]);
    assertEquals(0.7310585786300049, out[1], 1e-7f);
    assertEquals(0.2689414213699951, out[2], 1e-7f);
    assertEquals(1f, out[3]);
    assertEquals(4.5399929762484854e-5, out[4], 1e-11f);
  }

  @Test
  void geluExactUsesErfc() {
    // x·Φ(x) with the normal CDF Φ from tables: Φ(1) = 0.8413447460685429,
    // Φ(2) = 0.9772498680518208, Φ(-5) = 2.866515718791939e-7
    float[] out = unary("GELU", null, 0, 1, -1, 2, -5, 10);
    assertEquals(0f, out[0]);
    assertEquals(0.8413447460685429, out[1], 1e-7f);
    assertEquals(-0.15865525393145707, out[2], 1e-7f);
    assertEquals(1.9544997361036416, out[3], 2e-7f);
    // relative accuracy where 1 + erf(x/√2) would cancel: -5·Φ(-5) = -1.4332578593959731e-6;
    // TFLite rounds -x/√2 to float first, which moves erfc there by up to 1e-6 relative
    assertEquals(-1.4332578593959731e-6, out[4], 2e-6 * 1.4332578593959731e-6);
    assertEquals(10f, out[5]);
  }

  @Test
  void geluApproximateUsesTanh() {
    GeluOptionsT options = new GeluOptionsT();
    options.setApproximate(true);
    // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), evaluated in double:
    // x = 1 → 0.8411919906082768, -1 → -0.15880800939172324, 3 → 2.996362607918227,
    // -3 → -0.0036373920817729943 (the exact form gives -0.0040496...)
    float[] out = unary("GELU", options, 1, -1, 3, -3);
    assertEquals(0.8411919906082768, out[0], 1e-7f);
    assertEquals(-0.15880800939172324, out[1], 1e-7f);
    assertEquals(2.996362607918227, out[2], 3e-7f);
    // 1 + tanh(...) cancels here: float tanh near -1 has an ulp of 6e-8
    assertEquals(-0.0036373920817729943, out[3], 2e-7f);
    assertEquals(new Gelu(true), buildFloatOp("GELU", options, 1));
  }

  @Test
  void erfcMatchesTables() {
    // Known values of erf and erfc (Abramowitz & Stegun, table 7.1, and their extensions)
    assertEquals(1.0, Gelu.erfc(0), 0);
    assertRelative(1 - 0.1124629160182849, Gelu.erfc(0.1));
    assertRelative(1 - 0.5204998778130465, Gelu.erfc(0.5));
    assertRelative(1 - 0.8427007929497149, Gelu.erfc(1));
    assertRelative(1 + 0.8427007929497149, Gelu.erfc(-1));
    assertRelative(0.004698443348629488, Gelu.erfc(1.999)); // series side of the switch
    assertRelative(0.004677734981047266, Gelu.erfc(2)); // continued-fraction side
    assertRelative(2.209049699858544e-5, Gelu.erfc(3));
    assertRelative(1.5374597944280351e-12, Gelu.erfc(5));
    assertRelative(2.088487583762545e-45, Gelu.erfc(10));
    assertEquals(0.0, Gelu.erfc(Double.POSITIVE_INFINITY), 0);
    assertEquals(2.0, Gelu.erfc(Double.NEGATIVE_INFINITY), 0);
    assertEquals(Double.NaN, Gelu.erfc(Double.NaN));
  }

  private static void assertRelative(double expected, double actual) {
    assertEquals(expected, actual, 1e-12 * Math.abs(expected));
  }

  @Test
  void preluWithPerChannelAlpha() {
    // x [1,2,2,3], alpha [3] = {0.5, 0.25, 2}: negatives are scaled by their channel's alpha
    NdArray x = floats(dims(1, 2, 2, 3), -1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 0);
    float[] expected = {-0.5f, 2, -6, 4, -1.25f, 6, -3.5f, 8, -18, 10, -2.75f, 0};
    Op prelu = buildFloatOp("PRELU", null, 2);
    NdArray out = runOp(prelu, x, vector(0.5f, 0.25f, 2));
    assertEquals(Shape.of(1, 2, 2, 3), out.shape());
    assertArrayEquals(expected, out.floats());
    // the same with alpha shaped [1,1,3], as converters often emit it
    assertArrayEquals(expected, runOp(prelu, x, floats(dims(1, 1, 3), 0.5f, 0.25f, 2)).floats());
    // alpha may broadcast the output beyond x's shape: x [2] with alpha [2,1]
    NdArray wide = runOp(prelu, vector(-1, 1), floats(dims(2, 1), 0.5f, 2));
    assertEquals(Shape.of(2, 2), wide.shape());
    assertArrayEquals(new float[] {-0.5f, 1, -2, 1}, wide.floats());
  }

  @Test
  void fp16InputsComputeInFloat() {
    NdArray half = NdArray.ofFloats(DataType.FLOAT16, Shape.of(2), new float[] {-1, 0.5f});
    Op relu = buildOp("RELU", null, DataType.FLOAT32, spec(DataType.FLOAT16, 2));
    NdArray out = runOp(relu, half);
    assertEquals(DataType.FLOAT32, out.type());
    assertArrayEquals(new float[] {0, 0.5f}, out.floats());
  }

  @Test
  void rejectsNonFloatInputs() {
    for (String op : new String[] {"RELU", "LOGISTIC", "TANH", "HARD_SWISH", "GELU", "ELU"}) {
      assertThrows(
          UnsupportedOpException.class,
          () -> buildOp(op, null, DataType.INT8, spec(DataType.INT8, 2)),
          op);
    }
    assertThrows(
        UnsupportedOpException.class,
        () ->
            buildOp(
                "PRELU", null, DataType.INT32, spec(DataType.INT32, 2), spec(DataType.INT32, 2)));
    assertThrows(ModelFormatException.class, () -> buildFloatOp("RELU", null, 2));
  }

  @Test
  void inputsAreNotModified() {
    float[] x = {-2, 0.5f, 4};
    for (String op :
        new String[] {
          "LOGISTIC",
          "TANH",
          "RELU",
          "RELU6",
          "RELU_N1_TO_1",
          "RELU_0_TO_1",
          "HARD_SWISH",
          "ELU",
          "GELU",
          "LEAKY_RELU"
        }) {
      NdArray out = runOp(buildFloatOp(op, null, 1), vector(x));
      assertArrayEquals(new float[] {-2, 0.5f, 4}, x, op);
      assertEquals(3, out.floats().length, op);
    }
  }
}
