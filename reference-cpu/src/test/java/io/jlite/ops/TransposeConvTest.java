package io.jlite.ops;

import static io.jlite.ops.ConvTestSupport.array;
import static io.jlite.ops.ConvTestSupport.assertValues;
import static io.jlite.ops.ConvTestSupport.constantSpec;
import static io.jlite.ops.ConvTestSupport.context;
import static io.jlite.ops.ConvTestSupport.iota;
import static io.jlite.ops.ConvTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

class TransposeConvTest {
  private static NdArray outputShape(int... dims) {
    return NdArray.ofInts(DataType.INT32, Shape.of(4), dims);
  }

  private static NdArray run(TransposeConv op, NdArray... in) {
    return op.apply(in)[0];
  }

  // Input 1x2x2x1 x = [[1,2],[3,4]], weights 1x3x3x1 w = [[1,2,3],[4,5,6],[7,8,9]], stride 2.
  // Pixel (i,j) adds x(i,j)·w at rows 2i..2i+2, columns 2j..2j+2 of the unpadded 5x5 result:
  //   row 0: 1·[1,2,3] at 0..2 + 2·[1,2,3] at 2..4            = [1, 2, 5, 4, 6]
  //   row 1: 1·[4,5,6] at 0..2 + 2·[4,5,6] at 2..4            = [4, 5, 14, 10, 12]
  //   row 2: [7,8,9] + [14,16,18] (i=0, ky=2) plus [3,6,9] + [4,8,12] (i=1, ky=0)
  //                                                           = [10, 14, 36, 24, 30]
  //   row 3: 3·[4,5,6] at 0..2 + 4·[4,5,6] at 2..4            = [12, 15, 34, 20, 24]
  //   row 4: 3·[7,8,9] at 0..2 + 4·[7,8,9] at 2..4            = [21, 24, 55, 32, 36]
  private static final float[] FULL_5X5 = {
    1, 2, 5, 4, 6, //
    4, 5, 14, 10, 12, //
    10, 14, 36, 24, 30, //
    12, 15, 34, 20, 24, //
    21, 24, 55, 32, 36
  };

  @Test
  void validStride2() {
    // VALID: no padding; output_shape (2-1)·2 + 3 = 5
    TransposeConv op = new TransposeConv(Padding.VALID, 2, 2, Activation.NONE);
    NdArray out = run(op, outputShape(1, 5, 5, 1), iota(1, 3, 3, 1), iota(1, 2, 2, 1));
    assertValues(FULL_5X5, out, 1, 5, 5, 1);
  }

  @Test
  void sameStride2() {
    // SAME, output 4x4: the forward conv of a 4-wide input with k=3, s=2 has 2 outputs and total
    // padding (2-1)·2 + 3 - 4 = 1, so padTop = padLeft = 0: the top-left 4x4 of the full result.
    TransposeConv op = new TransposeConv(Padding.SAME, 2, 2, Activation.NONE);
    NdArray out = run(op, outputShape(1, 4, 4, 1), iota(1, 3, 3, 1), iota(1, 2, 2, 1));
    assertValues(
        new float[] {1, 2, 5, 4, 4, 5, 14, 10, 10, 14, 36, 24, 12, 15, 34, 20}, out, 1, 4, 4, 1);
  }

  @Test
  void samePaddingBeforeIsComputedFromTheOutput() {
    // Width: input [1, 2], weights [1, 2, 3, 4], stride 2, output width 4. Forward conv of a
    // 4-wide input with k=4, s=2: 2 outputs, total padding (2-1)·2 + 4 - 4 = 2, padLeft = 1.
    // Unpadded scatter: [1,2,3,4] at 0..3 + [2,4,6,8] at 2..5 = [1, 2, 5, 8, 6, 8];
    // columns 1..4 of it: [2, 5, 8, 6]. Height: 1 → 1 with k=1, s=1, no padding.
    TransposeConv op = new TransposeConv(Padding.SAME, 1, 2, Activation.NONE);
    NdArray out = run(op, outputShape(1, 1, 4, 1), iota(1, 1, 4, 1), iota(1, 1, 2, 1));
    assertValues(new float[] {2, 5, 8, 6}, out, 1, 1, 4, 1);
  }

  @Test
  void channelsBiasAndActivation() {
    // 1x1 input with channels [1, 2]; weights [outC=2, 1, 1, inC=2] = [[1, 10], [100, 1000]]:
    // oc0 = 1·1 + 2·10 = 21, oc1 = 1·100 + 2·1000 = 2100; bias [-30, 1] and RELU: [0, 2101]
    TransposeConv op = new TransposeConv(Padding.VALID, 1, 1, Activation.RELU);
    NdArray out =
        run(
            op,
            outputShape(1, 1, 1, 2),
            array(new float[] {1, 10, 100, 1000}, 2, 1, 1, 2),
            array(new float[] {1, 2}, 1, 1, 1, 2),
            array(new float[] {-30, 1}, 2));
    assertValues(new float[] {0, 2101}, out, 1, 1, 1, 2);
  }

  @Test
  void badShapesThrow() {
    TransposeConv op = new TransposeConv(Padding.VALID, 1, 1, Activation.NONE);
    // weights' inC 2 differs from the input's 1
    assertThrows(
        ShapeMismatchException.class,
        () -> run(op, outputShape(1, 2, 2, 1), iota(1, 1, 1, 2), iota(1, 2, 2, 1)));
    // output_shape's channels 3 differ from the weights' outC 1
    assertThrows(
        ShapeMismatchException.class,
        () -> run(op, outputShape(1, 2, 2, 3), iota(1, 1, 1, 1), iota(1, 2, 2, 1)));
    // output_shape's batch 2 differs from the input's 1
    assertThrows(
        ShapeMismatchException.class,
        () -> run(op, outputShape(2, 2, 2, 1), iota(1, 1, 1, 1), iota(1, 2, 2, 1)));
    // bias of 2 for 1 channel
    assertThrows(
        ShapeMismatchException.class,
        () -> run(op, outputShape(1, 2, 2, 1), iota(1, 1, 1, 1), iota(1, 2, 2, 1), iota(2)));
    // output_shape of 3 values
    assertThrows(
        ShapeMismatchException.class,
        () ->
            run(
                op,
                NdArray.ofInts(DataType.INT32, Shape.of(3), new int[] {1, 2, 2}),
                iota(1, 1, 1, 1),
                iota(1, 2, 2, 1)));
  }

  private static OpContext contextFor(TransposeConvOptionsT o, TensorSpec outputShapeSpec) {
    return context(
        "TRANSPOSE_CONV",
        o,
        spec(4, DataType.FLOAT32, 1, 4, 4, 1),
        outputShapeSpec,
        spec(1, DataType.FLOAT32, 1, 3, 3, 1),
        spec(2, DataType.FLOAT32, 1, 2, 2, 1));
  }

  private static TransposeConvOptionsT options(int strideH, int strideW) {
    TransposeConvOptionsT o = new TransposeConvOptionsT();
    o.setPadding(org.tensorflow.lite.schema.Padding.SAME);
    o.setStrideH(strideH);
    o.setStrideW(strideW);
    o.setFusedActivationFunction(ActivationFunctionType.RELU6);
    return o;
  }

  @Test
  void createReadsOptions() {
    assertEquals(
        new TransposeConv(Padding.SAME, 2, 3, Activation.RELU6),
        TransposeConv.create(contextFor(options(2, 3), constantSpec(0, outputShape(1, 4, 4, 1)))));
  }

  @Test
  void createChecksOptionsAndOutputShape() {
    TensorSpec good = constantSpec(0, outputShape(1, 4, 4, 1));
    assertThrows(
        ModelFormatException.class, () -> TransposeConv.create(contextFor(options(0, 2), good)));
    // output_shape disagrees with the declared output [1, 4, 4, 1]
    assertThrows(
        ModelFormatException.class,
        () ->
            TransposeConv.create(
                contextFor(options(2, 2), constantSpec(0, outputShape(1, 5, 5, 1)))));
    // output_shape must be int32
    assertThrows(
        ModelFormatException.class,
        () ->
            TransposeConv.create(
                contextFor(options(2, 2), constantSpec(0, array(new float[] {1, 4, 4, 1}, 4)))));
    // a computed (non-constant) output_shape is not supported
    assertThrows(
        UnsupportedOpException.class,
        () -> TransposeConv.create(contextFor(options(2, 2), spec(0, DataType.INT32, 4))));
  }

  /**
   * TRANSPOSE_CONV is the adjoint of CONV_2D: with weights {@code w[i, ky, kx, o] = f[o, ky, kx,
   * i]}, {@code <Conv2D(x, f), y> == <x, TransposeConv(y, w)>} for all x and y.
   */
  @Property(tries = 200)
  void isTheAdjointOfConv2D(
      @ForAll @IntRange(min = 1, max = 2) int batches,
      @ForAll @IntRange(min = 1, max = 7) int height,
      @ForAll @IntRange(min = 1, max = 7) int width,
      @ForAll @IntRange(min = 1, max = 3) int convIn,
      @ForAll @IntRange(min = 1, max = 3) int convOut,
      @ForAll @IntRange(min = 1, max = 4) int filterH,
      @ForAll @IntRange(min = 1, max = 4) int filterW,
      @ForAll @IntRange(min = 1, max = 3) int strideH,
      @ForAll @IntRange(min = 1, max = 3) int strideW,
      @ForAll Padding padding,
      @ForAll long seed) {
    Random random = new Random(seed);
    NdArray x = ConvTestSupport.random(random, batches, height, width, convIn);
    NdArray f = ConvTestSupport.random(random, convOut, filterH, filterW, convIn);
    NdArray convX =
        new Conv2D(padding, strideH, strideW, 1, 1, Activation.NONE).apply(new NdArray[] {x, f})[0];
    NdArray y = ConvTestSupport.random(random, convX.shape().toArray());

    float[] w = new float[f.floats().length];
    Shape fShape = f.shape();
    Shape wShape = Shape.of(convIn, filterH, filterW, convOut);
    for (int o = 0; o < convOut; o++) {
      for (int ky = 0; ky < filterH; ky++) {
        for (int kx = 0; kx < filterW; kx++) {
          for (int i = 0; i < convIn; i++) {
            w[wShape.offset(i, ky, kx, o)] = f.floats()[fShape.offset(o, ky, kx, i)];
          }
        }
      }
    }
    NdArray transposed =
        new TransposeConv(padding, strideH, strideW, Activation.NONE)
            .apply(
                new NdArray[] {outputShape(x.shape().toArray()), NdArray.of(wShape, w), y, null})[
            0];

    double lhs = ConvTestSupport.dot(convX, y);
    double rhs = ConvTestSupport.dot(x, transposed);
    // Rounding scale: the same sum over the absolute values of every term x·f·y.
    NdArray absConv =
        new Conv2D(padding, strideH, strideW, 1, 1, Activation.NONE)
            .apply(new NdArray[] {ConvTestSupport.abs(x), ConvTestSupport.abs(f)})[0];
    double scale = ConvTestSupport.dot(absConv, ConvTestSupport.abs(y));
    assertEquals(lhs, rhs, 1e-5 * scale + 1e-9);
  }
}
