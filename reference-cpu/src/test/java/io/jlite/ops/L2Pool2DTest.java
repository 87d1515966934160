package io.jlite.ops;

import static io.jlite.ops.ConvTestSupport.array;
import static io.jlite.ops.ConvTestSupport.assertValues;
import static io.jlite.ops.ConvTestSupport.context;
import static io.jlite.ops.ConvTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.DataType;
import io.jlite.ir.NdArray;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.Pool2DOptionsT;

class L2Pool2DTest {
  private static NdArray run(Pool2D pool, NdArray input) {
    return new L2Pool2D(pool).apply(new NdArray[] {input})[0];
  }

  @Test
  void valid2x2() {
    // sqrt((3² + 4² + 0² + 0²) / 4) = sqrt(25 / 4) = 2.5
    Pool2D pool = new Pool2D(Padding.VALID, 1, 1, 2, 2, Activation.NONE);
    assertValues(
        new float[] {2.5f}, run(pool, array(new float[] {3, 4, 0, 0}, 1, 2, 2, 1)), 1, 1, 1, 1);
  }

  @Test
  void sameDividesByTheInBoundsCount() {
    // [3, 4, 5], 1x2 window stride 2 SAME, padding after: sqrt((9 + 16) / 2) = sqrt(12.5),
    // then sqrt(25 / 1) = 5 (a counted pad would give sqrt(12.5) instead)
    Pool2D pool = new Pool2D(Padding.SAME, 1, 2, 1, 2, Activation.NONE);
    assertValues(
        new float[] {(float) Math.sqrt(12.5), 5},
        run(pool, array(new float[] {3, 4, 5}, 1, 1, 3, 1)),
        1,
        1,
        2,
        1);
  }

  @Test
  void createReadsOptions() {
    Pool2DOptionsT o = new Pool2DOptionsT();
    o.setStrideH(1);
    o.setStrideW(1);
    o.setFilterHeight(2);
    o.setFilterWidth(2);
    OpContext ctx =
        context(
            "L2_POOL_2D",
            o,
            spec(1, DataType.FLOAT32, 1, 3, 3, 1),
            spec(0, DataType.FLOAT32, 1, 3, 3, 1));
    assertEquals(
        new L2Pool2D(new Pool2D(Padding.SAME, 1, 1, 2, 2, Activation.NONE)), L2Pool2D.create(ctx));
  }

  /** Independent formulation: the L2 pool is the square root of the average pool of squares. */
  @Property(tries = 100)
  void equalsRootOfAveragePoolOfSquares(
      @ForAll @IntRange(min = 1, max = 6) int height,
      @ForAll @IntRange(min = 1, max = 6) int width,
      @ForAll @IntRange(min = 1, max = 3) int filter,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll Padding padding,
      @ForAll long seed) {
    NdArray input = ConvTestSupport.random(new Random(seed), 1, height, width, 2);
    float[] squares = input.floats().clone();
    for (int i = 0; i < squares.length; i++) {
      squares[i] *= squares[i];
    }
    Pool2D pool = new Pool2D(padding, stride, stride, filter, filter + 1, Activation.NONE);
    NdArray mean =
        new AveragePool2D(pool).apply(new NdArray[] {NdArray.of(input.shape(), squares)})[0];
    float[] expected = mean.floats().clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) Math.sqrt(expected[i]);
    }
    ConvTestSupport.assertClose(NdArray.of(mean.shape(), expected), run(pool, input));
  }
}
