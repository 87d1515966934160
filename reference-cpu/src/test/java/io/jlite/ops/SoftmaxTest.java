package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.SoftmaxOptionsT;

class SoftmaxTest {
  private static final float LN2 = (float) Math.log(2);
  private static final float LN3 = (float) Math.log(3);

  private static Op softmax(float beta, int... inDims) {
    SoftmaxOptionsT o = new SoftmaxOptionsT();
    o.setBeta(beta);
    return makeOp("SOFTMAX", o, input(DataType.FLOAT32, inDims));
  }

  @Test
  void normalisesExponentials() {
    // exp(0), exp(ln 2), exp(ln 3) = 1, 2, 3; sum 6 → 1/6, 1/3, 1/2 (per row of the last axis)
    NdArray in = floats(dims(2, 3), 0, LN2, LN3, LN3, 0, LN2);
    assertFloats(
        run(softmax(1, 2, 3), in),
        dims(2, 3),
        new float[] {
          1 / 6f, 1 / 3f, 1 / 2f,
          1 / 2f, 1 / 6f, 1 / 3f
        });
  }

  @Test
  void scalesByBeta() {
    // beta 0.5: exp(0.5·0), exp(0.5·2 ln 2) = 1, 2 → 1/3, 2/3
    assertFloats(run(softmax(0.5f, 2), floats(dims(2), 0, 2 * LN2)), dims(2), 1 / 3f, 2 / 3f);
  }

  @Test
  void subtractsTheMaximumSoLargeInputsDoNotOverflow() {
    // exp(100) overflows a float; exp(x - max) = 1 and exp(-ln 3) = 1/3, sum 4/3 → 3/4, 1/4
    assertFloats(run(softmax(1, 2), floats(dims(2), 100, 100 - LN3)), dims(2), 0.75f, 0.25f);
  }

  @Property(tries = 100)
  void rowsSumToOne(
      @ForAll @IntRange(min = 1, max = 6) int rows,
      @ForAll @IntRange(min = 1, max = 9) int depth,
      @ForAll long seed) {
    Random random = new Random(seed);
    float[] values = new float[rows * depth];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * 10);
    }
    NdArray out = run(softmax(1, rows, depth), floats(dims(rows, depth), values));
    assertEquals(Shape.of(rows, depth), out.shape());
    float[] p = out.floats();
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = 0; c < depth; c++) {
        float v = p[r * depth + c];
        assertTrue(v >= 0 && v <= 1, "probability " + v);
        sum += v;
      }
      assertEquals(1.0, sum, 1e-5, "row " + r);
    }
  }

  @Test
  void logSoftmaxIsTheLogOfTheProbabilities() {
    // probabilities 1/6, 1/3, 1/2 as in normalisesExponentials
    Op op = makeOp("LOG_SOFTMAX", null, input(DataType.FLOAT32, 3));
    assertFloats(
        run(op, floats(dims(3), 0, LN2, LN3)),
        dims(3),
        (float) Math.log(1 / 6.0),
        (float) Math.log(1 / 3.0),
        (float) Math.log(1 / 2.0));
  }

  @Test
  void logSoftmaxStaysFiniteForLargeInputs() {
    // log(3/4), log(1/4) even though exp(100) overflows a float
    Op op = makeOp("LOG_SOFTMAX", null, input(DataType.FLOAT32, 2));
    assertFloats(
        run(op, floats(dims(2), 100, 100 - LN3)),
        dims(2),
        (float) Math.log(0.75),
        (float) Math.log(0.25));
  }

  @Test
  void rejectsScalarsAndIntegers() {
    Op op = softmax(1, 1);
    assertThrows(
        ShapeMismatchException.class, () -> run(op, NdArray.of(Shape.scalar(), new float[] {1})));
    assertThrows(
        UnsupportedOpException.class, () -> makeOp("SOFTMAX", null, input(DataType.INT8, 4)));
  }
}
