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
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.Pool2DOptionsT;

class MaxPool2DTest {
  private static NdArray run(Pool2D pool, NdArray input) {
    return new MaxPool2D(pool).apply(new NdArray[] {input})[0];
  }

  @Test
  void sameStride2() {
    // [[1,2,3],[4,5,6],[7,8,9]], 2x2 stride 2 SAME, padding after:
    // max(1,2,4,5) = 5, max(3,6) = 6, max(7,8) = 8, max(9) = 9
    Pool2D pool = new Pool2D(Padding.SAME, 2, 2, 2, 2, Activation.NONE);
    assertValues(new float[] {5, 6, 8, 9}, run(pool, iota(1, 3, 3, 1)), 1, 2, 2, 1);
  }

  @Test
  void aFilterFarLargerThanTheInputCoversTheWholeInput() {
    // Fuzzer finding (regression input maxpool-huge-filter-ea8a8be6): a 2^30 x 2^30 window once
    // overflowed the window buffer's size. SAME, stride 1 on [[1,2],[3,4]]: every window holds the
    // whole input, so every output is max(1,2,3,4) = 4; with stride 2^30 the one output is too.
    int huge = 1 << 30;
    Pool2D pool = new Pool2D(Padding.SAME, 1, 1, huge, huge, Activation.NONE);
    assertValues(new float[] {4, 4, 4, 4}, run(pool, iota(1, 2, 2, 1)), 1, 2, 2, 1);
    Pool2D strided = new Pool2D(Padding.SAME, huge, huge, huge, huge, Activation.NONE);
    assertValues(new float[] {4}, run(strided, iota(1, 2, 2, 1)), 1, 1, 1, 1);
  }

  @Test
  void paddingIsNotAZero() {
    // all negative: [[-1,-2,-3],[-4,-5,-6],[-7,-8,-9]]; a padded zero would win the edge windows
    // max(-1,-2,-4,-5) = -1, max(-3,-6) = -3, max(-7,-8) = -7, max(-9) = -9
    Pool2D pool = new Pool2D(Padding.SAME, 2, 2, 2, 2, Activation.NONE);
    NdArray input = array(new float[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}, 1, 3, 3, 1);
    assertValues(new float[] {-1, -3, -7, -9}, run(pool, input), 1, 2, 2, 1);
  }

  @Test
  void validWithChannelsAndActivation() {
    // 1x2x3x2, 2x2 window stride 1 VALID → 1x1x2x2
    // channel 0 = [[1,5,2],[0,3,-4]]: windows max(1,5,0,3) = 5, max(5,2,3,-4) = 5
    // channel 1 = [[-1,-2,-3],[-4,-5,-6]]: max = -1, -2 → RELU_N1_TO_1: 5 → 1, -2 → -1
    Pool2D pool = new Pool2D(Padding.VALID, 1, 1, 2, 2, Activation.RELU_N1_TO_1);
    NdArray input = array(new float[] {1, -1, 5, -2, 2, -3, 0, -4, 3, -5, -4, -6}, 1, 2, 3, 2);
    assertValues(new float[] {1, -1, 1, -1}, run(pool, input), 1, 1, 2, 2);
  }

  @Test
  void onlyNegativeInfinityGivesLowestFloat() {
    // TFLite's reference kernel starts the running max at numeric_limits<float>::lowest().
    Pool2D pool = new Pool2D(Padding.VALID, 1, 1, 1, 2, Activation.NONE);
    NdArray input =
        array(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 1, 1, 2, 1);
    assertValues(new float[] {-Float.MAX_VALUE}, run(pool, input), 1, 1, 1, 1);
  }

  @Test
  void badShapesThrow() {
    Pool2D pool = new Pool2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE);
    assertThrows(ShapeMismatchException.class, () -> run(pool, iota(1, 3, 3, 1, 1)));
  }

  @Test
  void createReadsOptions() {
    Pool2DOptionsT o = new Pool2DOptionsT();
    o.setPadding(org.tensorflow.lite.schema.Padding.VALID);
    o.setStrideH(2);
    o.setStrideW(1);
    o.setFilterHeight(3);
    o.setFilterWidth(2);
    OpContext ctx =
        context(
            "MAX_POOL_2D",
            o,
            spec(1, DataType.FLOAT32, 1, 1, 2, 1),
            spec(0, DataType.FLOAT32, 1, 3, 3, 1));
    assertEquals(
        new MaxPool2D(new Pool2D(Padding.VALID, 2, 1, 3, 2, Activation.NONE)),
        MaxPool2D.create(ctx));
  }
}
