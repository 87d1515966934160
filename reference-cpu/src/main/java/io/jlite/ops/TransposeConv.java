package io.jlite.ops;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import java.util.Arrays;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

/**
 * TRANSPOSE_CONV: the transpose (adjoint) of CONV_2D, often called deconvolution. Inputs:
 * output_shape (constant int32 [4]), weights [outC, kH, kW, inC], input NHWC [N, H, W, inC],
 * optional bias [outC].
 *
 * <p>Every input element scatters the weighted filter into the output: {@code out[b, y·strideH -
 * padTop + ky, x·strideW - padLeft + kx, oc] += in[b, y, x, ic] · weights[oc, ky, kx, ic]}, where
 * targets outside the output are dropped; then {@code out = activation(out + bias[oc])}. The output
 * has the shape given by output_shape, and the padding is that of the forward CONV_2D whose
 * <em>input</em> has the output's size: {@code padTop = }{@link Padding#padBefore padBefore}{@code
 * (outH, kH, strideH, 1)} (TFLite's {@code ComputePaddingHeightWidth} applied to the output). Like
 * TFLite, the op does not require the input's size to be the forward convolution's output size.
 */
public record TransposeConv(Padding padding, int strideH, int strideW, Activation activation)
    implements Op {

  static TransposeConv create(OpContext ctx) {
    ctx.requireInputCount(3, 4);
    TransposeConvOptionsT o = ctx.options(TransposeConvOptionsT.class, TransposeConvOptionsT::new);
    TransposeConv op =
        new TransposeConv(
            Padding.fromSchema(o.getPadding(), ctx),
            o.getStrideH(),
            o.getStrideW(),
            Activation.fromSchema(o.getFusedActivationFunction(), ctx));
    ctx.requireAtLeastOne("stride", op.strideH, op.strideW);
    TensorSpec outputShapeSpec = ctx.input(0);
    if (outputShapeSpec.type() != DataType.INT32 || !outputShapeSpec.shape().equals(Shape.of(4))) {
      throw ctx.formatError(
          "output_shape "
              + outputShapeSpec.describe()
              + " is "
              + outputShapeSpec.type()
              + outputShapeSpec.shape()
              + ", expected INT32[4]");
    }
    // A constant output_shape bounds the output allocation by the declared (checked) shape.
    int[] outputShape = ctx.constantInput(0).ints();
    if (ctx.outputs().size() != 1) {
      throw ctx.formatError("has " + ctx.outputs().size() + " outputs, expected 1");
    }
    Shape declared = ctx.outputs().get(0).shape();
    if (!Arrays.equals(outputShape, declared.toArray())) {
      throw ctx.formatError(
          "output_shape "
              + Arrays.toString(outputShape)
              + " differs from the declared output shape "
              + declared);
    }
    return op;
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    NdArray outputShapeValue = in[0];
    if (!outputShapeValue.shape().equals(Shape.of(4)) || outputShapeValue.isFloating()) {
      throw new ShapeMismatchException(
          "TRANSPOSE_CONV output_shape must be an integer vector of 4, got " + outputShapeValue);
    }
    int[] dims = outputShapeValue.ints();
    for (int d : dims) {
      if (d < 0) {
        throw new ShapeMismatchException(
            "TRANSPOSE_CONV output_shape " + Arrays.toString(dims) + " has a negative dimension");
      }
    }
    Shape outShape = Shape.of(dims);
    Shape filterShape = in[1].shape();
    if (filterShape.rank() != 4) {
      throw new ShapeMismatchException("TRANSPOSE_CONV needs rank-4 weights, got " + filterShape);
    }
    int padTop = padding.padBefore(outShape.dim(1), filterShape.dim(1), strideH, 1);
    int padLeft = padding.padBefore(outShape.dim(2), filterShape.dim(2), strideW, 1);
    NdArray bias = in.length > 3 ? in[3] : null;
    return new NdArray[] {
      compute(
          "TRANSPOSE_CONV",
          in[2],
          in[1],
          bias,
          outShape,
          padTop,
          padLeft,
          strideH,
          strideW,
          activation)
    };
  }

  /**
   * The scatter shared by TRANSPOSE_CONV and {@link Convolution2DTransposeBias}: {@code out[b,
   * y·strideH - padTop + ky, x·strideW - padLeft + kx, oc] += in[b, y, x, ic] · weights[oc, ky, kx,
   * ic]} over the output {@code outShape}, then {@code activation(out + bias[oc])}.
   *
   * @param bias [outC], or {@code null} for none
   */
  static NdArray compute(
      String opName,
      NdArray inputValue,
      NdArray weights,
      NdArray bias,
      Shape outShape,
      int padTop,
      int padLeft,
      int strideH,
      int strideW,
      Activation activation) {
    Shape inShape = inputValue.shape();
    Shape filterShape = weights.shape();
    if (inShape.rank() != 4 || filterShape.rank() != 4 || outShape.rank() != 4) {
      throw new ShapeMismatchException(
          opName
              + " needs rank-4 input, weights and output, got "
              + inShape
              + ", "
              + filterShape
              + " and "
              + outShape);
    }
    final int batches = inShape.dim(0);
    final int inHeight = inShape.dim(1);
    final int inWidth = inShape.dim(2);
    final int inDepth = inShape.dim(3);
    final int outDepth = filterShape.dim(0);
    final int filterHeight = filterShape.dim(1);
    final int filterWidth = filterShape.dim(2);
    final int outHeight = outShape.dim(1);
    final int outWidth = outShape.dim(2);
    if (filterShape.dim(3) != inDepth
        || outShape.dim(0) != batches
        || outShape.dim(3) != outDepth) {
      throw new ShapeMismatchException(
          opName
              + ": input "
              + inShape
              + ", weights "
              + filterShape
              + " [outC, kH, kW, inC] and output "
              + outShape
              + " do not agree on batch and channels");
    }
    float[] biasData = bias == null ? null : bias.floats();
    if (biasData != null && biasData.length != outDepth) {
      throw new ShapeMismatchException(
          opName + " bias has " + biasData.length + " elements for " + outDepth + " channels");
    }

    float[] input = inputValue.floats();
    float[] filter = weights.floats();
    float[] output = new float[outShape.size()];
    for (int b = 0; b < batches; b++) {
      for (int y = 0; y < inHeight; y++) {
        for (int x = 0; x < inWidth; x++) {
          for (int ic = 0; ic < inDepth; ic++) {
            float value = input[inShape.offset(b, y, x, ic)];
            for (int ky = 0; ky < filterHeight; ky++) {
              int oy = y * strideH - padTop + ky;
              if (oy < 0 || oy >= outHeight) {
                continue;
              }
              for (int kx = 0; kx < filterWidth; kx++) {
                int ox = x * strideW - padLeft + kx;
                if (ox < 0 || ox >= outWidth) {
                  continue;
                }
                for (int oc = 0; oc < outDepth; oc++) {
                  output[outShape.offset(b, oy, ox, oc)] +=
                      value * filter[filterShape.offset(oc, ky, kx, ic)];
                }
              }
            }
          }
        }
      }
    }
    for (int i = 0; i < output.length; i++) {
      float biasValue = biasData == null ? 0f : biasData[i % outDepth];
      output[i] = activation.apply(output[i] + biasValue);
    }
    return NdArray.of(outShape, output);
  }
}
