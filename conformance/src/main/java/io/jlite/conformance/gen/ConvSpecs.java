package io.jlite.conformance.gen;

import io.jlite.conformance.CaseBuilder;
import io.jlite.conformance.ConformanceCase;
import io.jlite.conformance.gen.Gen.Act;
import io.jlite.conformance.gen.Gen.Pad;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

/** Generators of the convolution, fully connected and pooling ops. */
final class ConvSpecs {
  private ConvSpecs() {}

  static List<OpSpec> all() {
    return List.of(
        new OpSpec("CONV_2D", conv().map(Conv::build)),
        new OpSpec("DEPTHWISE_CONV_2D", depthwise().map(Depthwise::build)),
        new OpSpec("TRANSPOSE_CONV", transposeConv(false)),
        new OpSpec("CUSTOM:Convolution2DTransposeBias", transposeConv(true)),
        new OpSpec("FULLY_CONNECTED", fullyConnected()),
        new OpSpec("AVERAGE_POOL_2D", pool("AVERAGE_POOL_2D")),
        new OpSpec("MAX_POOL_2D", pool("MAX_POOL_2D")),
        new OpSpec("L2_POOL_2D", pool("L2_POOL_2D")));
  }

  /** An NHWC input shape. */
  record Image(int batch, int height, int width, int channels) {
    int[] dims() {
      return new int[] {batch, height, width, channels};
    }
  }

  /** A 2-D window: kernel size, stride and dilation per axis, padding. */
  record Window(int kh, int kw, int strideH, int strideW, int dilationH, int dilationW, Pad pad) {
    boolean fits(Image in) {
      return pad == Pad.SAME
          || (in.height() >= (kh - 1) * dilationH + 1 && in.width() >= (kw - 1) * dilationW + 1);
    }
  }

  static Arbitrary<Image> image(int maxBatch, int maxSide) {
    return Combinators.combine(
            Gen.size(maxBatch), Gen.size(maxSide), Gen.size(maxSide), Gen.channels())
        .as(Image::new);
  }

  static Arbitrary<Window> window(int maxKernel, boolean dilated) {
    Arbitrary<Integer> dilation = dilated ? Gen.between(1, 3) : Arbitraries.just(1);
    return Combinators.combine(
            Gen.size(maxKernel),
            Gen.size(maxKernel),
            Gen.between(1, 3),
            Gen.between(1, 3),
            dilation,
            dilation,
            Gen.pad())
        .as(Window::new);
  }

  record Conv(Image in, Window window, int outChannels, Act act, long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int x = b.input(in.dims(), -1, 1);
      int filter =
          b.constant(new int[] {outChannels, window.kh(), window.kw(), in.channels()}, -1, 1);
      int bias = b.constant(new int[] {outChannels}, -1, 1);
      Conv2DOptionsT o = new Conv2DOptionsT();
      o.setPadding(window.pad().code);
      o.setStrideH(window.strideH());
      o.setStrideW(window.strideW());
      o.setDilationHFactor(window.dilationH());
      o.setDilationWFactor(window.dilationW());
      o.setFusedActivationFunction(act.code);
      b.output(b.op1("CONV_2D", o, x, filter, bias));
      return b.build(this);
    }
  }

  static Arbitrary<Conv> conv() {
    return Combinators.combine(image(2, 9), window(4, true), Gen.channels(), Gen.act(), Gen.seed())
        .as(Conv::new)
        .filter(c -> c.window().fits(c.in()));
  }

  record Depthwise(Image in, Window window, int depthMultiplier, Act act, long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int outChannels = in.channels() * depthMultiplier;
      int x = b.input(in.dims(), -1, 1);
      int filter = b.constant(new int[] {1, window.kh(), window.kw(), outChannels}, -1, 1);
      int bias = b.constant(new int[] {outChannels}, -1, 1);
      DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
      o.setPadding(window.pad().code);
      o.setStrideH(window.strideH());
      o.setStrideW(window.strideW());
      o.setDilationHFactor(window.dilationH());
      o.setDilationWFactor(window.dilationW());
      o.setDepthMultiplier(depthMultiplier);
      o.setFusedActivationFunction(act.code);
      // Version 2 is the first with dilation factors.
      b.output(b.op1("DEPTHWISE_CONV_2D", 2, o, x, filter, bias));
      return b.build(this);
    }
  }

  static Arbitrary<Depthwise> depthwise() {
    return Combinators.combine(
            image(2, 9), window(4, true), Gen.between(1, 3), Gen.act(), Gen.seed())
        .as(Depthwise::new)
        .filter(c -> c.window().fits(c.in()));
  }

  /** TRANSPOSE_CONV, or MediaPipe's custom op (which always has a bias); dilation is 1. */
  record TransposeConvCase(Image in, Window window, int outChannels, boolean bias, long seed) {
    /**
     * TRANSPOSE_CONV: the size whose forward convolution has the input's size ({@code in·stride}
     * for SAME). MediaPipe's op computes its own size: VALID {@code (in - 1)·stride + k}; SAME
     * removes {@code max(0, k - (in - 1) mod stride - 1)} from that (MediaPipe's
     * transpose_conv_bias.cc), and TFLite then runs TRANSPOSE_CONV with that output shape.
     */
    int outSize(int inSize, int k, int stride, boolean custom) {
      int valid = (inSize - 1) * stride + k;
      if (window.pad() == Pad.VALID) {
        return valid;
      }
      return custom ? valid - Math.max(0, k - (inSize - 1) % stride - 1) : inSize * stride;
    }

    ConformanceCase build(boolean custom) {
      CaseBuilder b = new CaseBuilder(seed);
      int kh = window.kh();
      int kw = window.kw();
      int strideH = window.strideH();
      int strideW = window.strideW();
      Pad pad = window.pad();
      int[] outShape = {
        in.batch(),
        outSize(in.height(), kh, strideH, custom),
        outSize(in.width(), kw, strideW, custom),
        outChannels
      };
      int x = b.input(in.dims(), -1, 1);
      int weights = b.constant(new int[] {outChannels, kh, kw, in.channels()}, -1, 1);
      int biasTensor = bias || custom ? b.constant(new int[] {outChannels}, -1, 1) : -1;
      int y = b.tensor(outShape);
      if (custom) {
        // MediaPipe's options: TfLitePadding (1 SAME, 2 VALID), stride_w, stride_h.
        ByteBuffer options = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        options.putInt(pad == Pad.SAME ? 1 : 2).putInt(strideW).putInt(strideH);
        b.customOp(
            "Convolution2DTransposeBias",
            options.array(),
            new int[] {x, weights, biasTensor},
            new int[] {y});
      } else {
        TransposeConvOptionsT o = new TransposeConvOptionsT();
        o.setPadding(pad.code);
        o.setStrideH(strideH);
        o.setStrideW(strideW);
        int shape = b.ints(outShape);
        int[] inputs =
            bias ? new int[] {shape, weights, x, biasTensor} : new int[] {shape, weights, x};
        // Version 3 is the first with the bias input.
        b.op("TRANSPOSE_CONV", 3, o, inputs, new int[] {y});
      }
      b.output(y);
      return b.build(custom ? "Convolution2DTransposeBias" + this : this);
    }
  }

  static Arbitrary<ConformanceCase> transposeConv(boolean custom) {
    return Combinators.combine(
            image(2, 6), window(4, false), Gen.channels(), Arbitraries.of(true, false), Gen.seed())
        .as(TransposeConvCase::new)
        .map(c -> c.build(custom));
  }

  record FullyConnected(
      List<Integer> leading,
      int depth,
      int units,
      boolean bias,
      boolean keepNumDims,
      Act act,
      long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int[] inShape = new int[leading.size() + 1];
      for (int i = 0; i < leading.size(); i++) {
        inShape[i] = leading.get(i);
      }
      inShape[leading.size()] = depth;
      int x = b.input(inShape, -1, 1);
      int weights = b.constant(new int[] {units, depth}, -1, 1);
      int biasTensor = bias ? b.constant(new int[] {units}, -1, 1) : -1;
      FullyConnectedOptionsT o = new FullyConnectedOptionsT();
      o.setFusedActivationFunction(act.code);
      o.setKeepNumDims(keepNumDims);
      b.output(b.op1("FULLY_CONNECTED", o, x, weights, biasTensor));
      return b.build(this);
    }
  }

  static Arbitrary<ConformanceCase> fullyConnected() {
    return Combinators.combine(
            Gen.shape(1, 3, 4),
            Gen.between(1, 17),
            Gen.between(1, 9),
            Arbitraries.of(true, false),
            Arbitraries.of(false, true),
            Gen.act(),
            Gen.seed())
        .as(FullyConnected::new)
        .map(FullyConnected::build);
  }

  record Pool(String opName, Image in, Window window, Act act, long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int x = b.input(in.dims(), -2, 2);
      Pool2DOptionsT o = new Pool2DOptionsT();
      o.setPadding(window.pad().code);
      o.setFilterHeight(window.kh());
      o.setFilterWidth(window.kw());
      o.setStrideH(window.strideH());
      o.setStrideW(window.strideW());
      o.setFusedActivationFunction(act.code);
      b.output(b.op1(opName, o, x));
      return b.build(this);
    }
  }

  static Arbitrary<ConformanceCase> pool(String opName) {
    return Combinators.combine(image(2, 9), window(4, false), Gen.act(), Gen.seed())
        .as((in, w, act, seed) -> new Pool(opName, in, w, act, seed))
        .filter(p -> p.window().fits(p.in()))
        .map(Pool::build);
  }
}
