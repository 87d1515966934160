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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Convolution2DTransposeBiasTest {
  private static NdArray run(Convolution2DTransposeBias op, NdArray... in) {
    return op.apply(in)[0];
  }

  private static NdArray bias(float value) {
    return array(new float[] {value}, 1);
  }

  // Input 1x2x2x1 x = [[1,2],[3,4]], weights 1x3x3x1 w = [[1,2,3],[4,5,6],[7,8,9]], stride 2:
  // the unpadded scatter is the 5x5 worked out in TransposeConvTest, here plus bias 0.5.
  @Test
  void validStride2() {
    // VALID: out = (2 - 1)·2 + 3 = 5, no padding
    Convolution2DTransposeBias op = new Convolution2DTransposeBias(Padding.VALID, 2, 2);
    NdArray out = run(op, iota(1, 2, 2, 1), iota(1, 3, 3, 1), bias(0.5f));
    assertValues(
        new float[] {
          1.5f, 2.5f, 5.5f, 4.5f, 6.5f, //
          4.5f, 5.5f, 14.5f, 10.5f, 12.5f, //
          10.5f, 14.5f, 36.5f, 24.5f, 30.5f, //
          12.5f, 15.5f, 34.5f, 20.5f, 24.5f, //
          21.5f, 24.5f, 55.5f, 32.5f, 36.5f
        },
        out,
        1,
        5,
        5,
        1);
  }

  @Test
  void sameStride2EvenInput() {
    // SAME: total = max(0, 3 - (2-1) mod 2 - 1) = 1, out = (2-1)·2 + 3 - 1 = 4 = 2·2,
    // padBefore = 1/2 = 0: the top-left 4x4 of the unpadded result, plus 0.5
    Convolution2DTransposeBias op = new Convolution2DTransposeBias(Padding.SAME, 2, 2);
    NdArray out = run(op, iota(1, 2, 2, 1), iota(1, 3, 3, 1), bias(0.5f));
    assertValues(
        new float[] {
          1.5f, 2.5f, 5.5f, 4.5f, //
          4.5f, 5.5f, 14.5f, 10.5f, //
          10.5f, 14.5f, 36.5f, 24.5f, //
          12.5f, 15.5f, 34.5f, 20.5f
        },
        out,
        1,
        4,
        4,
        1);
  }

  @Test
  void sameStride2OddInputIsNotInTimesStride() {
    // Width: in 3, k 2, s 2: total = max(0, 2 - (3-1) mod 2 - 1) = 1, out = 2·2 + 2 - 1 = 5
    // (MediaPipe's formula, not 3·2 = 6), padLeft 0. Unpadded scatter of x = [1, 2, 3] with
    // w = [1, 10]: [1, 10, 2, 20, 3, 30]; first 5, plus bias 0.5.
    // Height: in 1, k 1, s 1: total = max(0, 1 - 0 - 1) = 0, out 1.
    Convolution2DTransposeBias op = new Convolution2DTransposeBias(Padding.SAME, 1, 2);
    NdArray out = run(op, iota(1, 1, 3, 1), array(new float[] {1, 10}, 1, 1, 2, 1), bias(0.5f));
    assertValues(new float[] {1.5f, 10.5f, 2.5f, 20.5f, 3.5f}, out, 1, 1, 5, 1);
  }

  @Test
  void samePadsBeforeHalfTheTotal() {
    // Width: in 3, k 4, s 2: total = max(0, 4 - 0 - 1) = 3, out = 2·2 + 4 - 3 = 5, padLeft = 1.
    // Unpadded scatter of [1, 2, 3] with [1, 2, 3, 4] at 0..3, 2..5, 4..7:
    // [1, 2, 3+2, 4+4, 6+3, 8+6, 9, 12] = [1, 2, 5, 8, 9, 14, 9, 12]; columns 1..5.
    Convolution2DTransposeBias op = new Convolution2DTransposeBias(Padding.SAME, 1, 2);
    NdArray out = run(op, iota(1, 1, 3, 1), iota(1, 1, 4, 1), bias(0));
    assertValues(new float[] {2, 5, 8, 9, 14}, out, 1, 1, 5, 1);
  }

  @Test
  void badShapesThrow() {
    Convolution2DTransposeBias op = new Convolution2DTransposeBias(Padding.VALID, 1, 1);
    // weights' inC 2 differs from the input's 1
    assertThrows(
        ShapeMismatchException.class, () -> run(op, iota(1, 2, 2, 1), iota(1, 1, 1, 2), bias(0)));
    // bias of 2 for 1 output channel
    assertThrows(
        ShapeMismatchException.class, () -> run(op, iota(1, 2, 2, 1), iota(1, 1, 1, 1), iota(2)));
    // rank-3 weights
    assertThrows(
        ShapeMismatchException.class, () -> run(op, iota(1, 2, 2, 1), iota(1, 1, 1), bias(0)));
  }

  private static OpContext contextWith(int... ints) {
    ByteBuffer custom = ByteBuffer.allocate(ints.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : ints) {
      custom.putInt(v);
    }
    custom.flip();
    return context(
        "CUSTOM:Convolution2DTransposeBias",
        null,
        custom,
        spec(3, DataType.FLOAT32, 1, 4, 4, 1),
        spec(0, DataType.FLOAT32, 1, 2, 2, 1),
        spec(1, DataType.FLOAT32, 1, 3, 3, 1),
        spec(2, DataType.FLOAT32, 1));
  }

  @Test
  void createReadsTheRawStruct() {
    // {padding = 2 (VALID), stride_width = 3, stride_height = 1}
    assertEquals(
        new Convolution2DTransposeBias(Padding.VALID, 1, 3),
        Convolution2DTransposeBias.create(contextWith(2, 3, 1)));
    // {padding = 1 (SAME), stride_width = 2, stride_height = 4}, plus a trailing field
    assertEquals(
        new Convolution2DTransposeBias(Padding.SAME, 4, 2),
        Convolution2DTransposeBias.create(contextWith(1, 2, 4, 0)));
  }

  @Test
  void createRejectsBadOptions() {
    // kTfLitePaddingUnknown
    assertThrows(
        ModelFormatException.class, () -> Convolution2DTransposeBias.create(contextWith(0, 2, 2)));
    // too short
    assertThrows(
        ModelFormatException.class, () -> Convolution2DTransposeBias.create(contextWith(1, 2)));
    // zero stride
    assertThrows(
        ModelFormatException.class, () -> Convolution2DTransposeBias.create(contextWith(1, 0, 2)));
  }

  /**
   * With zero bias the op is the adjoint of the CONV_2D (same padding, stride) that maps its output
   * size back to its input size: {@code <Conv2D(x, f), y> == <x, op(y, w)>} with {@code w[i, ky,
   * kx, o] = f[o, ky, kx, i]}. The forward convolution returning exactly y's shape also checks
   * MediaPipe's output size against CONV_2D's.
   */
  @Property(tries = 200)
  void isTheAdjointOfConv2D(
      @ForAll @IntRange(min = 1, max = 2) int batches,
      @ForAll @IntRange(min = 1, max = 5) int height,
      @ForAll @IntRange(min = 1, max = 5) int width,
      @ForAll @IntRange(min = 1, max = 3) int channelsIn,
      @ForAll @IntRange(min = 1, max = 3) int channelsOut,
      @ForAll @IntRange(min = 1, max = 4) int filterH,
      @ForAll @IntRange(min = 1, max = 4) int filterW,
      @ForAll @IntRange(min = 1, max = 3) int strideH,
      @ForAll @IntRange(min = 1, max = 3) int strideW,
      @ForAll Padding padding,
      @ForAll long seed) {
    Random random = new Random(seed);
    NdArray y = ConvTestSupport.random(random, batches, height, width, channelsIn);
    NdArray w = ConvTestSupport.random(random, channelsOut, filterH, filterW, channelsIn);
    NdArray zeroBias = NdArray.zeros(Shape.of(channelsOut));
    NdArray transposed =
        new Convolution2DTransposeBias(padding, strideH, strideW)
            .apply(new NdArray[] {y, w, zeroBias})[0];

    Shape fShape = Shape.of(channelsIn, filterH, filterW, channelsOut);
    float[] f = new float[fShape.size()];
    for (int o = 0; o < channelsIn; o++) {
      for (int ky = 0; ky < filterH; ky++) {
        for (int kx = 0; kx < filterW; kx++) {
          for (int i = 0; i < channelsOut; i++) {
            f[fShape.offset(o, ky, kx, i)] = w.floats()[w.shape().offset(i, ky, kx, o)];
          }
        }
      }
    }
    NdArray x = ConvTestSupport.random(random, transposed.shape().toArray());
    Conv2D conv = new Conv2D(padding, strideH, strideW, 1, 1, Activation.NONE);
    NdArray convX = conv.apply(new NdArray[] {x, NdArray.of(fShape, f)})[0];
    assertEquals(y.shape(), convX.shape(), "CONV_2D maps the output size back to the input's");

    NdArray absConv =
        conv.apply(
                new NdArray[] {ConvTestSupport.abs(x), ConvTestSupport.abs(NdArray.of(fShape, f))})[
            0];
    double scale = ConvTestSupport.dot(absConv, ConvTestSupport.abs(y));
    assertEquals(
        ConvTestSupport.dot(convX, y), ConvTestSupport.dot(x, transposed), 1e-5 * scale + 1e-9);
  }
}
