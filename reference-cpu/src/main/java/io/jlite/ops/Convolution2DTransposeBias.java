package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.nio.ByteBuffer;

/**
 * CUSTOM:Convolution2DTransposeBias: MediaPipe's transposed convolution with bias (used, e.g., by
 * selfie_segmentation.tflite). Inputs: input NHWC [N, H, W, inC], weights [outC, kH, kW, inC], bias
 * [outC]. Its custom options are the raw bytes of the C struct {@code TfLiteTransposeConvParams
 * {padding, stride_width, stride_height}}: three little-endian int32, padding 1 = SAME, 2 = VALID.
 *
 * <p>The computation is {@link TransposeConv}'s scatter with the bias added and no activation; the
 * output size and padding are MediaPipe's own, per spatial axis: VALID gives {@code out = (in -
 * 1)·stride + k} and no padding; SAME takes {@code total = max(0, k - (in - 1) mod stride - 1)},
 * {@code out = (in - 1)·stride + k - total} and {@code padBefore = total / 2}. (With {@code k ≥
 * stride} SAME gives {@code in·stride} only when {@code in} is a multiple of the stride: a 2-wide
 * input at stride 2 becomes 4 wide, a 3-wide one 5 wide.)
 */
public record Convolution2DTransposeBias(Padding padding, int strideH, int strideW) implements Op {

  /** TfLitePadding values of the C API (not the schema's Padding codes). */
  private static final int TFLITE_PADDING_SAME = 1;

  private static final int TFLITE_PADDING_VALID = 2;

  static Convolution2DTransposeBias create(OpContext ctx) {
    ctx.requireInputCount(3, 3);
    ByteBuffer options = ctx.customOptions();
    if (options.remaining() < 3 * Integer.BYTES) {
      throw ctx.formatError(
          "custom options have "
              + options.remaining()
              + " bytes, expected 12 (TfLiteTransposeConvParams: padding, stride_width,"
              + " stride_height)");
    }
    int paddingCode = options.getInt();
    int strideWidth = options.getInt();
    int strideHeight = options.getInt();
    Padding padding =
        switch (paddingCode) {
          case TFLITE_PADDING_SAME -> Padding.SAME;
          case TFLITE_PADDING_VALID -> Padding.VALID;
          default ->
              throw ctx.formatError(
                  "has TfLitePadding " + paddingCode + ", expected 1 (SAME) or 2 (VALID)");
        };
    ctx.requireAtLeastOne("stride", strideHeight, strideWidth);
    return new Convolution2DTransposeBias(padding, strideHeight, strideWidth);
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    Shape filterShape = in[1].shape();
    if (inShape.rank() != 4 || filterShape.rank() != 4) {
      throw new ShapeMismatchException(
          "Convolution2DTransposeBias needs rank-4 input and weights, got "
              + inShape
              + " and "
              + filterShape);
    }
    if (inShape.dim(1) < 1 || inShape.dim(2) < 1) {
      throw new ShapeMismatchException(
          "Convolution2DTransposeBias needs a non-empty image, got " + inShape);
    }
    int totalPadH = totalPadding(inShape.dim(1), filterShape.dim(1), strideH);
    int totalPadW = totalPadding(inShape.dim(2), filterShape.dim(2), strideW);
    Shape outShape =
        Shape.of(
            inShape.dim(0),
            (inShape.dim(1) - 1) * strideH + filterShape.dim(1) - totalPadH,
            (inShape.dim(2) - 1) * strideW + filterShape.dim(2) - totalPadW,
            filterShape.dim(0));
    return new NdArray[] {
      TransposeConv.compute(
          "Convolution2DTransposeBias",
          in[0],
          in[1],
          in[2],
          outShape,
          totalPadH / 2,
          totalPadW / 2,
          strideH,
          strideW,
          Activation.NONE)
    };
  }

  /** MediaPipe's total padding along one axis (before plus after). */
  private int totalPadding(int in, int filter, int stride) {
    return padding == Padding.SAME ? Math.max(0, filter - (in - 1) % stride - 1) : 0;
  }
}
