package io.jlite.ops;

import static io.jlite.ops.ConvTestSupport.array;
import static io.jlite.ops.ConvTestSupport.assertValues;
import static io.jlite.ops.ConvTestSupport.context;
import static io.jlite.ops.ConvTestSupport.iota;
import static io.jlite.ops.ConvTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Pool2DOptionsT;

class AveragePool2DTest {
  private static NdArray run(Pool2D pool, NdArray input) {
    return new AveragePool2D(pool).apply(new NdArray[] {input})[0];
  }

  // Input 1x3x3x1 = [[1,2,3],[4,5,6],[7,8,9]].
  @Test
  void valid2x2Stride2() {
    // out = (3 - 2 + 2) / 2 = 1: (1 + 2 + 4 + 5) / 4 = 3
    Pool2D pool = new Pool2D(Padding.VALID, 2, 2, 2, 2, Activation.NONE);
    assertValues(new float[] {3}, run(pool, iota(1, 3, 3, 1)), 1, 1, 1, 1);
  }

  @Test
  void sameDividesByTheInBoundsCount() {
    // out 2x2, padding after only: (1+2+4+5)/4 = 3, (3+6)/2 = 4.5, (7+8)/2 = 7.5, 9/1 = 9
    Pool2D pool = new Pool2D(Padding.SAME, 2, 2, 2, 2, Activation.NONE);
    assertValues(new float[] {3, 4.5f, 7.5f, 9}, run(pool, iota(1, 3, 3, 1)), 1, 2, 2, 1);
  }

  @Test
  void samePaddingBefore() {
    // 3x3 window, stride 1: total padding 2, padTop = padLeft = 1.
    // (0,0): (1+2+4+5)/4 = 3; (0,1): (1+2+3+4+5+6)/6 = 3.5; (1,1): 45/9 = 5;
    // (2,2): (5+6+8+9)/4 = 7
    Pool2D pool = new Pool2D(Padding.SAME, 1, 1, 3, 3, Activation.NONE);
    NdArray out = run(pool, iota(1, 3, 3, 1));
    assertEquals(Shape.of(1, 3, 3, 1), out.shape());
    assertEquals(3f, out.floats()[0], 1e-6f);
    assertEquals(3.5f, out.floats()[1], 1e-6f);
    assertEquals(5f, out.floats()[4], 1e-6f);
    assertEquals(7f, out.floats()[8], 1e-6f);
  }

  @Test
  void channelsArePooledSeparatelyAndActivated() {
    // channel 0 = [1,2,3,4] → 2.5; channel 1 = [10,20,30,40] → 25 → RELU6 6
    Pool2D pool = new Pool2D(Padding.VALID, 1, 1, 2, 2, Activation.RELU6);
    NdArray input = array(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 1, 2, 2, 2);
    assertValues(new float[] {2.5f, 6}, run(pool, input), 1, 1, 1, 2);
  }

  @Test
  void badShapesThrow() {
    Pool2D pool = new Pool2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE);
    assertThrows(ShapeMismatchException.class, () -> run(pool, iota(3, 3, 1)));
  }

  private static OpContext contextFor(Pool2DOptionsT o) {
    return context(
        "AVERAGE_POOL_2D",
        o,
        spec(1, DataType.FLOAT32, 1, 2, 2, 1),
        spec(0, DataType.FLOAT32, 1, 3, 3, 1));
  }

  @Test
  void createReadsOptions() {
    Pool2DOptionsT o = new Pool2DOptionsT();
    o.setPadding(org.tensorflow.lite.schema.Padding.SAME);
    o.setStrideH(1);
    o.setStrideW(2);
    o.setFilterHeight(3);
    o.setFilterWidth(4);
    o.setFusedActivationFunction(ActivationFunctionType.RELU);
    assertEquals(
        new AveragePool2D(new Pool2D(Padding.SAME, 1, 2, 3, 4, Activation.RELU)),
        AveragePool2D.create(contextFor(o)));
  }

  @Test
  void createRejectsEmptyFilterOrStride() {
    Pool2DOptionsT o = new Pool2DOptionsT();
    o.setStrideH(1);
    o.setStrideW(1);
    o.setFilterHeight(2);
    o.setFilterWidth(0);
    assertThrows(ModelFormatException.class, () -> AveragePool2D.create(contextFor(o)));
    o.setFilterWidth(2);
    o.setStrideH(0);
    assertThrows(ModelFormatException.class, () -> AveragePool2D.create(contextFor(o)));
  }

  /**
   * Independent formulation: the average is the window sum (DEPTHWISE_CONV_2D with a ones filter)
   * divided by the in-bounds count (the same convolution of an all-ones input).
   */
  @Property(tries = 150)
  void equalsWindowSumOverWindowCount(
      @ForAll @IntRange(min = 1, max = 7) int height,
      @ForAll @IntRange(min = 1, max = 7) int width,
      @ForAll @IntRange(min = 1, max = 3) int depth,
      @ForAll @IntRange(min = 1, max = 4) int filterH,
      @ForAll @IntRange(min = 1, max = 4) int filterW,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll Padding padding,
      @ForAll long seed) {
    NdArray input = ConvTestSupport.random(new Random(seed), 1, height, width, depth);
    NdArray out =
        run(new Pool2D(padding, stride, stride, filterH, filterW, Activation.NONE), input);

    float[] ones = new float[filterH * filterW * depth];
    Arrays.fill(ones, 1f);
    NdArray onesFilter = NdArray.of(Shape.of(1, filterH, filterW, depth), ones);
    float[] onesInput = new float[height * width * depth];
    Arrays.fill(onesInput, 1f);
    DepthwiseConv2D sum = new DepthwiseConv2D(padding, stride, stride, 1, 1, Activation.NONE);
    NdArray sums = sum.apply(new NdArray[] {input, onesFilter})[0];
    NdArray counts =
        sum.apply(
                new NdArray[] {
                  NdArray.of(Shape.of(1, height, width, depth), onesInput), onesFilter
                })[0];
    float[] expected = new float[sums.floats().length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = sums.floats()[i] / counts.floats()[i];
    }
    ConvTestSupport.assertClose(NdArray.of(sums.shape(), expected), out);
  }
}
