package io.jlite.ops;

import static io.jlite.ops.ConvTestSupport.array;
import static io.jlite.ops.ConvTestSupport.assertValues;
import static io.jlite.ops.ConvTestSupport.context;
import static io.jlite.ops.ConvTestSupport.iota;
import static io.jlite.ops.ConvTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsWeightsFormat;

class FullyConnectedTest {
  private static final NdArray WEIGHTS = array(new float[] {1, 0, -1, 2, 1, 0}, 2, 3);
  private static final NdArray BIAS = array(new float[] {0.5f, -1}, 2);

  // Rows [1,2,3] and [4,5,6]; weights rows [1,0,-1] and [2,1,0]; bias [0.5, -1]:
  //   row 0: 1 - 3 + 0.5 = -1.5,  2 + 2 - 1 = 3
  //   row 1: 4 - 6 + 0.5 = -1.5,  8 + 5 - 1 = 12
  private static final float[] EXPECTED = {-1.5f, 3, -1.5f, 12};

  private static NdArray run(FullyConnected op, NdArray... in) {
    return op.apply(in)[0];
  }

  @Test
  void matrixTimesWeightsPlusBias() {
    FullyConnected op = new FullyConnected(false, Activation.NONE);
    assertValues(EXPECTED, run(op, iota(2, 3), WEIGHTS, BIAS), 2, 2);
  }

  @Test
  void flattensTheInputToRowsOfTheWeightsDepth() {
    FullyConnected op = new FullyConnected(false, Activation.NONE);
    // [1, 6] holds the same six values: two rows of depth 3
    assertValues(EXPECTED, run(op, iota(1, 6), WEIGHTS, BIAS), 2, 2);
    assertValues(EXPECTED, run(op, iota(1, 2, 3), WEIGHTS, BIAS), 2, 2);
  }

  @Test
  void keepNumDimsReplacesTheLastDimension() {
    FullyConnected op = new FullyConnected(true, Activation.NONE);
    assertValues(EXPECTED, run(op, iota(1, 2, 3), WEIGHTS, BIAS), 1, 2, 2);
  }

  @Test
  void withoutBiasAndWithRelu() {
    FullyConnected op = new FullyConnected(false, Activation.RELU);
    // row 0: 1 - 3 = -2 → 0, 2 + 2 = 4; row 1: 4 - 6 = -2 → 0, 8 + 5 = 13
    assertValues(new float[] {0, 4, 0, 13}, run(op, iota(2, 3), WEIGHTS, null), 2, 2);
  }

  @Test
  void badShapesThrow() {
    FullyConnected plain = new FullyConnected(false, Activation.NONE);
    // 4 elements are not a multiple of depth 3
    assertThrows(ShapeMismatchException.class, () -> run(plain, iota(1, 4), WEIGHTS, BIAS));
    // bias of 3 for 2 units
    assertThrows(ShapeMismatchException.class, () -> run(plain, iota(2, 3), WEIGHTS, iota(3)));
    // rank-3 weights
    assertThrows(ShapeMismatchException.class, () -> run(plain, iota(2, 3), iota(1, 2, 3), BIAS));
    // keep_num_dims needs the last dimension to be the depth
    FullyConnected keep = new FullyConnected(true, Activation.NONE);
    assertThrows(ShapeMismatchException.class, () -> run(keep, iota(3, 2), WEIGHTS, BIAS));
  }

  private static OpContext contextFor(FullyConnectedOptionsT o, DataType weightsType) {
    return context(
        "FULLY_CONNECTED",
        o,
        spec(3, DataType.FLOAT32, 2, 2),
        spec(0, DataType.FLOAT32, 2, 3),
        spec(1, weightsType, 2, 3),
        spec(2, DataType.FLOAT32, 2));
  }

  @Test
  void createReadsOptions() {
    FullyConnectedOptionsT o = new FullyConnectedOptionsT();
    o.setKeepNumDims(true);
    o.setFusedActivationFunction(ActivationFunctionType.RELU_N1_TO_1);
    assertEquals(
        new FullyConnected(true, Activation.RELU_N1_TO_1),
        FullyConnected.create(contextFor(o, DataType.FLOAT32)));
    assertEquals(
        new FullyConnected(false, Activation.NONE),
        FullyConnected.create(contextFor(null, DataType.FLOAT16)));
  }

  @Test
  void createRejectsUnsupportedOptions() {
    FullyConnectedOptionsT shuffled = new FullyConnectedOptionsT();
    shuffled.setWeightsFormat(FullyConnectedOptionsWeightsFormat.SHUFFLED4x16INT8);
    assertThrows(
        UnsupportedOpException.class,
        () -> FullyConnected.create(contextFor(shuffled, DataType.FLOAT32)));
    FullyConnectedOptionsT asymmetric = new FullyConnectedOptionsT();
    asymmetric.setAsymmetricQuantizeInputs(true);
    assertThrows(
        UnsupportedOpException.class,
        () -> FullyConnected.create(contextFor(asymmetric, DataType.FLOAT32)));
    // hybrid: int8 weights
    assertThrows(
        UnsupportedOpException.class,
        () -> FullyConnected.create(contextFor(new FullyConnectedOptionsT(), DataType.INT8)));
  }

  /**
   * Independent formulation: FULLY_CONNECTED on rows of depth D is CONV_2D with a 1x1 filter
   * [units, 1, 1, D] over the rows laid out as [rows, 1, 1, D].
   */
  @Property(tries = 100)
  void equalsOneByOneConv2D(
      @ForAll @IntRange(min = 1, max = 5) int rows,
      @ForAll @IntRange(min = 1, max = 9) int depth,
      @ForAll @IntRange(min = 1, max = 5) int units,
      @ForAll boolean withBias,
      @ForAll long seed) {
    Random random = new Random(seed);
    NdArray input = ConvTestSupport.random(random, rows, depth);
    NdArray weights = ConvTestSupport.random(random, units, depth);
    NdArray bias = withBias ? ConvTestSupport.random(random, units) : null;
    NdArray out =
        new FullyConnected(false, Activation.NONE).apply(new NdArray[] {input, weights, bias})[0];

    NdArray expected =
        new Conv2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE)
            .apply(
                new NdArray[] {
                  input.reshape(Shape.of(rows, 1, 1, depth)),
                  weights.reshape(Shape.of(units, 1, 1, depth)),
                  bias
                })[0];
    ConvTestSupport.assertClose(expected.reshape(Shape.of(rows, units)), out);
  }
}
