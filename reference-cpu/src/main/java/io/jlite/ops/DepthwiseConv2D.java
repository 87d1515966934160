package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;

/**
 * DEPTHWISE_CONV_2D: each input channel is convolved with its own {@code m} filters, where the
 * filter has shape [1, kH, kW, inC·m] and the optional bias [inC·m].
 *
 * <p>{@code out[b, y, x, ic·m + j] = activation(Σ_{ky, kx} in[b, y·strideH - padTop + ky·dilationH,
 * x·strideW - padLeft + kx·dilationW, ic] · filter[0, ky, kx, ic·m + j] + bias[ic·m + j])}, where
 * input positions outside the image contribute zero. Output size and padding follow {@link
 * Padding}. The depth multiplier {@code m} is derived from the shapes ({@code outC / inC}, which
 * must divide exactly), as TFLite's kernel does: the {@code depth_multiplier} option is redundant,
 * older converters wrote wrong values into it, and TFLite ignores it.
 *
 * <p>Products are summed in double precision and rounded to float once: the reference stays as
 * close to the exact sum as fp32 storage allows, whatever order a faster kernel sums in.
 */
public record DepthwiseConv2D(
    Padding padding, int strideH, int strideW, int dilationH, int dilationW, Activation activation)
    implements Op {

  static DepthwiseConv2D create(OpContext ctx) {
    ctx.requireInputCount(2, 3);
    DepthwiseConv2DOptionsT o =
        ctx.options(DepthwiseConv2DOptionsT.class, DepthwiseConv2DOptionsT::new);
    DepthwiseConv2D op =
        new DepthwiseConv2D(
            Padding.fromSchema(o.getPadding(), ctx),
            o.getStrideH(),
            o.getStrideW(),
            o.getDilationHFactor(),
            o.getDilationWFactor(),
            Activation.fromSchema(o.getFusedActivationFunction(), ctx));
    ctx.requireAtLeastOne("stride", op.strideH, op.strideW);
    ctx.requireAtLeastOne("dilation", op.dilationH, op.dilationW);
    return op;
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    Shape filterShape = in[1].shape();
    if (inShape.rank() != 4 || filterShape.rank() != 4 || filterShape.dim(0) != 1) {
      throw new ShapeMismatchException(
          "DEPTHWISE_CONV_2D needs a rank-4 input and a [1, kH, kW, outC] filter, got "
              + inShape
              + " and "
              + filterShape);
    }
    final int batches = inShape.dim(0);
    final int inHeight = inShape.dim(1);
    final int inWidth = inShape.dim(2);
    final int inDepth = inShape.dim(3);
    final int filterHeight = filterShape.dim(1);
    final int filterWidth = filterShape.dim(2);
    final int outDepth = filterShape.dim(3);
    if (inDepth == 0 || outDepth % inDepth != 0) {
      throw new ShapeMismatchException(
          "DEPTHWISE_CONV_2D filter depth "
              + outDepth
              + " is not a multiple of the input depth "
              + inDepth);
    }
    final int depthMultiplier = outDepth / inDepth;
    float[] bias = in.length > 2 && in[2] != null ? in[2].floats() : null;
    if (bias != null && bias.length != outDepth) {
      throw new ShapeMismatchException(
          "DEPTHWISE_CONV_2D bias has "
              + bias.length
              + " elements for "
              + outDepth
              + " output channels");
    }
    final int outHeight = padding.outputSize(inHeight, filterHeight, strideH, dilationH);
    final int outWidth = padding.outputSize(inWidth, filterWidth, strideW, dilationW);
    final int padTop = padding.padBefore(inHeight, filterHeight, strideH, dilationH);
    final int padLeft = padding.padBefore(inWidth, filterWidth, strideW, dilationW);

    float[] input = in[0].floats();
    float[] filter = in[1].floats();
    Shape outShape = Shape.of(batches, outHeight, outWidth, outDepth);
    float[] output = new float[outShape.size()];
    for (int b = 0; b < batches; b++) {
      for (int y = 0; y < outHeight; y++) {
        for (int x = 0; x < outWidth; x++) {
          for (int ic = 0; ic < inDepth; ic++) {
            for (int m = 0; m < depthMultiplier; m++) {
              int oc = ic * depthMultiplier + m;
              double sum = 0;
              for (int ky = 0; ky < filterHeight; ky++) {
                int iy = y * strideH - padTop + ky * dilationH;
                if (iy < 0 || iy >= inHeight) {
                  continue;
                }
                for (int kx = 0; kx < filterWidth; kx++) {
                  int ix = x * strideW - padLeft + kx * dilationW;
                  if (ix < 0 || ix >= inWidth) {
                    continue;
                  }
                  sum +=
                      (double) input[inShape.offset(b, iy, ix, ic)]
                          * filter[filterShape.offset(0, ky, kx, oc)];
                }
              }
              // TFLite adds the bias after the window sum.
              float biasValue = bias == null ? 0f : bias[oc];
              output[outShape.offset(b, y, x, oc)] = activation.apply((float) (sum + biasValue));
            }
          }
        }
      }
    }
    return new NdArray[] {NdArray.of(outShape, output)};
  }
}
