package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.Conv2DOptionsT;

/**
 * CONV_2D: 2-D convolution of an NHWC input with a filter of shape [outC, kH, kW, inC] and an
 * optional bias [outC].
 *
 * <p>{@code out[b, y, x, oc] = activation(bias[oc] + Σ_{ky, kx, ic} in[b, y·strideH - padTop +
 * ky·dilationH, x·strideW - padLeft + kx·dilationW, ic] · filter[oc, ky, kx, ic])}, where input
 * positions outside the image contribute zero. Output size and padding follow {@link Padding}.
 * Grouped convolution (inC a multiple of the filter's inC) is supported as TFLite does: each group
 * of {@code outC / groups} output channels sees its own slice of input channels.
 *
 * <p>Products are summed in double precision and rounded to float once: the reference stays as
 * close to the exact sum as fp32 storage allows, whatever order a faster kernel sums in.
 */
public record Conv2D(
    Padding padding, int strideH, int strideW, int dilationH, int dilationW, Activation activation)
    implements Op {

  static Conv2D create(OpContext ctx) {
    ctx.requireInputCount(2, 3);
    Conv2DOptionsT o = ctx.options(Conv2DOptionsT.class, Conv2DOptionsT::new);
    Conv2D op =
        new Conv2D(
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
    if (inShape.rank() != 4 || filterShape.rank() != 4) {
      throw new ShapeMismatchException(
          "CONV_2D needs rank-4 input and filter, got " + inShape + " and " + filterShape);
    }
    final int batches = inShape.dim(0);
    final int inHeight = inShape.dim(1);
    final int inWidth = inShape.dim(2);
    final int inDepth = inShape.dim(3);
    final int outDepth = filterShape.dim(0);
    final int filterHeight = filterShape.dim(1);
    final int filterWidth = filterShape.dim(2);
    final int filterInDepth = filterShape.dim(3);
    // An input without channels has no groups (and would divide by zero below).
    if (inDepth == 0 || filterInDepth == 0 || inDepth % filterInDepth != 0) {
      throw new ShapeMismatchException(
          "CONV_2D input depth "
              + inDepth
              + " is not a multiple of the filter depth "
              + filterInDepth);
    }
    final int groups = inDepth / filterInDepth;
    if (outDepth % groups != 0) {
      throw new ShapeMismatchException(
          "CONV_2D output depth " + outDepth + " is not a multiple of the group count " + groups);
    }
    final int outPerGroup = outDepth / groups;
    float[] bias = in.length > 2 && in[2] != null ? in[2].floats() : null;
    if (bias != null && bias.length != outDepth) {
      throw new ShapeMismatchException(
          "CONV_2D bias has " + bias.length + " elements for " + outDepth + " output channels");
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
          for (int oc = 0; oc < outDepth; oc++) {
            int firstInChannel = (oc / outPerGroup) * filterInDepth;
            double sum = bias == null ? 0 : bias[oc];
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
                int inBase = inShape.offset(b, iy, ix, firstInChannel);
                int filterBase = filterShape.offset(oc, ky, kx, 0);
                for (int ic = 0; ic < filterInDepth; ic++) {
                  sum += (double) input[inBase + ic] * filter[filterBase + ic];
                }
              }
            }
            output[outShape.offset(b, y, x, oc)] = activation.apply((float) sum);
          }
        }
      }
    }
    return new NdArray[] {NdArray.of(outShape, output)};
  }
}
