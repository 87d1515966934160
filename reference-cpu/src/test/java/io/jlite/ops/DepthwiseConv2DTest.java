package io.jlite.ops;

import static io.jlite.ops.ConvTestSupport.array;
import static io.jlite.ops.ConvTestSupport.assertValues;
import static io.jlite.ops.ConvTestSupport.context;
import static io.jlite.ops.ConvTestSupport.iota;
import static io.jlite.ops.ConvTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;

class DepthwiseConv2DTest {
  private static NdArray run(DepthwiseConv2D op, NdArray... in) {
    return op.apply(in)[0];
  }

  // Input 1x3x3x1 = [[1,2,3],[4,5,6],[7,8,9]], filter 2x2 = [[1,2],[3,4]], stride 2.
  @Test
  void validStride2() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.VALID, 2, 2, 1, 1, Activation.NONE);
    // out = (3 - 2 + 2) / 2 = 1: 1·1 + 2·2 + 4·3 + 5·4 = 37
    assertValues(new float[] {37}, run(op, iota(1, 3, 3, 1), iota(1, 2, 2, 1)), 1, 1, 1, 1);
  }

  @Test
  void sameStride2PadsOnlyAfter() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.SAME, 2, 2, 1, 1, Activation.NONE);
    // out = ceil(3/2) = 2, total padding (2-1)·2 + 2 - 3 = 1, all of it after (padTop = 0):
    // (0,0): 1·1 + 2·2 + 4·3 + 5·4 = 37   (0,1): 3·1 + 6·3 = 21
    // (1,0): 7·1 + 8·2 = 23               (1,1): 9·1 = 9
    assertValues(
        new float[] {37, 21, 23, 9}, run(op, iota(1, 3, 3, 1), iota(1, 2, 2, 1)), 1, 2, 2, 1);
  }

  @Test
  void dilationValid() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.VALID, 1, 1, 2, 2, Activation.NONE);
    // effective filter 3x3 with taps at the corners: 1·1 + 2·3 + 3·7 + 4·9 = 64
    assertValues(new float[] {64}, run(op, iota(1, 3, 3, 1), iota(1, 2, 2, 1)), 1, 1, 1, 1);
  }

  @Test
  void dilationSame() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.SAME, 1, 1, 2, 2, Activation.NONE);
    // effective filter 3, total padding 2, padTop = padLeft = 1; ones filter, so each output
    // sums the in-bounds inputs at (y±1, x±1): corners see only the centre 5, edges two
    // neighbours (e.g. (0,1): 4 + 6 = 10), the centre 1 + 3 + 7 + 9 = 20.
    NdArray ones = array(new float[] {1, 1, 1, 1}, 1, 2, 2, 1);
    assertValues(
        new float[] {5, 10, 5, 10, 20, 10, 5, 10, 5}, run(op, iota(1, 3, 3, 1), ones), 1, 3, 3, 1);
  }

  @Test
  void depthMultiplierTwoWithBias() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE);
    // input channels [2, 3], m = 4 / 2 = 2: output channel ic·2 + j uses filter channel ic·2 + j
    // oc0 = 2·1 + 0.5 = 2.5, oc1 = 2·10 = 20, oc2 = 3·100 = 300, oc3 = 3·1000 - 1 = 2999
    NdArray out =
        run(
            op,
            array(new float[] {2, 3}, 1, 1, 1, 2),
            array(new float[] {1, 10, 100, 1000}, 1, 1, 1, 4),
            array(new float[] {0.5f, 0, 0, -1}, 4));
    assertValues(new float[] {2.5f, 20, 300, 2999}, out, 1, 1, 1, 4);
  }

  @Test
  void fusedRelu6() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.VALID, 1, 1, 1, 1, Activation.RELU6);
    // filter 2, bias 1: -1·2+1 = -1 → 0, 2·2+1 = 5, 7·2+1 = 15 → 6
    NdArray out =
        run(
            op,
            array(new float[] {-1, 2, 7}, 1, 1, 3, 1),
            array(new float[] {2}, 1, 1, 1, 1),
            array(new float[] {1}, 1));
    assertValues(new float[] {0, 5, 6}, out, 1, 1, 3, 1);
  }

  @Test
  void doesNotModifyInputs() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU);
    NdArray input = iota(1, 2, 2, 1);
    NdArray filter = iota(1, 2, 2, 1);
    run(op, input, filter);
    assertValues(new float[] {1, 2, 3, 4}, input, 1, 2, 2, 1);
    assertValues(new float[] {1, 2, 3, 4}, filter, 1, 2, 2, 1);
  }

  @Test
  void badShapesThrow() {
    DepthwiseConv2D op = new DepthwiseConv2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE);
    // filter's first dimension must be 1
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(1, 2, 2, 1), iota(2, 1, 1, 1)));
    // 4 filter channels are not a multiple of 3 input channels
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(1, 1, 1, 3), iota(1, 1, 1, 4)));
    // bias of 3 for 2 output channels
    assertThrows(
        ShapeMismatchException.class, () -> run(op, iota(1, 1, 1, 2), iota(1, 1, 1, 2), iota(3)));
    // rank-3 input
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(2, 2, 1), iota(1, 1, 1, 1)));
  }

  private static OpContext contextFor(DepthwiseConv2DOptionsT options) {
    return context(
        "DEPTHWISE_CONV_2D",
        options,
        spec(3, DataType.FLOAT32, 1, 3, 3, 2),
        spec(0, DataType.FLOAT32, 1, 3, 3, 1),
        spec(1, DataType.FLOAT32, 1, 2, 2, 2),
        null);
  }

  @Test
  void createReadsOptions() {
    DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
    o.setPadding(org.tensorflow.lite.schema.Padding.VALID);
    o.setStrideH(2);
    o.setStrideW(3);
    o.setDilationHFactor(4);
    o.setDilationWFactor(5);
    // A stale depth_multiplier (older converters) is accepted: the shapes define it.
    o.setDepthMultiplier(0);
    o.setFusedActivationFunction(ActivationFunctionType.RELU);
    assertEquals(
        new DepthwiseConv2D(Padding.VALID, 2, 3, 4, 5, Activation.RELU),
        DepthwiseConv2D.create(contextFor(o)));
  }

  @Test
  void createRejectsZeroStride() {
    DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
    o.setStrideH(1);
    o.setStrideW(0);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> DepthwiseConv2D.create(contextFor(o)));
    assertTrue(e.getMessage().contains("stride 1x0"), e.getMessage());
  }

  /**
   * Independent formulation: output channel {@code ic·m + j} is CONV_2D of input channel {@code ic}
   * alone with the single filter {@code filter[0, :, :, ic·m + j]}.
   */
  @Property(tries = 150)
  void equalsConv2DPerChannel(
      @ForAll @IntRange(min = 1, max = 2) int batches,
      @ForAll @IntRange(min = 1, max = 6) int height,
      @ForAll @IntRange(min = 1, max = 6) int width,
      @ForAll @IntRange(min = 1, max = 3) int inDepth,
      @ForAll @IntRange(min = 1, max = 3) int multiplier,
      @ForAll @IntRange(min = 1, max = 3) int filterH,
      @ForAll @IntRange(min = 1, max = 3) int filterW,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 1, max = 2) int dilation,
      @ForAll Padding padding,
      @ForAll boolean withBias,
      @ForAll long seed) {
    Random random = new Random(seed);
    int outDepth = inDepth * multiplier;
    NdArray input = ConvTestSupport.random(random, batches, height, width, inDepth);
    NdArray filter = ConvTestSupport.random(random, 1, filterH, filterW, outDepth);
    NdArray bias = withBias ? ConvTestSupport.random(random, outDepth) : null;
    NdArray out =
        new DepthwiseConv2D(padding, stride, stride + 1, dilation, dilation, Activation.NONE)
            .apply(new NdArray[] {input, filter, bias})[0];

    Conv2D conv = new Conv2D(padding, stride, stride + 1, dilation, dilation, Activation.NONE);
    for (int ic = 0; ic < inDepth; ic++) {
      NdArray channel = channel(input, ic);
      for (int j = 0; j < multiplier; j++) {
        int oc = ic * multiplier + j;
        NdArray channelBias =
            NdArray.of(Shape.of(1), new float[] {withBias ? bias.floats()[oc] : 0f});
        NdArray expected = conv.apply(new NdArray[] {channel, channel(filter, oc), channelBias})[0];
        ConvTestSupport.assertClose(expected, channel(out, oc));
      }
    }
  }

  /** Channel {@code c} of an NHWC value as an NHWC value with one channel. */
  private static NdArray channel(NdArray value, int c) {
    int[] dims = value.shape().toArray();
    int depth = dims[3];
    dims[3] = 1;
    float[] data = new float[value.floats().length / depth];
    for (int i = 0; i < data.length; i++) {
      data[i] = value.floats()[i * depth + c];
    }
    return NdArray.of(Shape.of(dims), data);
  }
}
