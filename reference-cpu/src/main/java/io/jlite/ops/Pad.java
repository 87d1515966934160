package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import java.util.Arrays;

/**
 * PAD and PADV2: surrounds the input with a constant. Input 1, {@code paddings}, is an integer
 * tensor of shape {@code [rank, 2]}: {@code paddings[d] = (before, after)}, both ≥ 0, and the
 * output has {@code before + in.dim(d) + after} along {@code d}, with {@code out[i] = in[i -
 * before]} where every coordinate falls inside the input and the pad value elsewhere. The pad value
 * is input 2 (one element of the input's type) when present (PADV2), else 0, or the output's zero
 * point for quantized integer tensors, as TFLite. Float and integer tensors.
 *
 * @param paddings the {@code [rank, 2]} paddings, flattened
 * @param zeroPoint the default pad value for integer tensors
 */
public record Pad(IntOperand paddings, int zeroPoint) implements ValueShapedOp {
  static Pad create(OpContext ctx) {
    ctx.requireInputCount(2, 3);
    Quantization q =
        ctx.outputs().isEmpty() ? Quantization.NONE : ctx.outputs().get(0).quantization();
    int zeroPoint = q.isQuantized() ? Math.toIntExact(q.zeroPoints().get(0)) : 0;
    Pad pad = new Pad(IntOperand.fromInput(ctx, 1), zeroPoint);
    // With constant paddings the output shape is known now: check it before any run allocates it.
    if (pad.paddings.constant().isPresent() && !ctx.outputs().isEmpty()) {
      Shape inShape = ctx.input(0).shape();
      Shape padded = paddedShape(pad.paddings.values(new NdArray[0]), inShape, ctx.opName());
      if (!padded.equals(ctx.outputs().get(0).shape())) {
        throw ctx.shapeError(
            "pads "
                + inShape
                + " to "
                + padded
                + ", the model declares "
                + ctx.outputs().get(0).describe()
                + " "
                + ctx.outputs().get(0).shape());
      }
    }
    return pad;
  }

  @Override
  public Shape outputShape(NdArray[] in) {
    return paddedShape(paddings.values(in), in[0].shape(), "PAD");
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int[] pad = paddings.values(in);
    double padValue = in[0].isFloating() ? 0 : zeroPoint;
    if (in.length > 2 && in[2] != null) {
      NdArray value = in[2];
      if (value.shape().numElements() != 1 || value.isFloating() != in[0].isFloating()) {
        throw new ShapeMismatchException(
            "PADV2: the pad value must be one element of the input's type, got " + value);
      }
      padValue = value.getDouble(0);
    }
    Shape outShape = paddedShape(pad, inShape, "PAD");
    int[] outDims = outShape.toArray();
    int[] inStrides = inShape.strides();
    int[] source = new int[outShape.size()];
    int[] index = new int[rank];
    for (int i = 0; i < source.length; i++) {
      int offset = 0;
      for (int d = 0; d < rank && offset >= 0; d++) {
        int x = index[d] - pad[2 * d];
        offset = x < 0 || x >= inShape.dim(d) ? -1 : offset + x * inStrides[d];
      }
      source[i] = offset;
      Indexing.next(index, outDims);
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source, padValue)};
  }

  /**
   * The shape of {@code inShape} padded by {@code paddings}, which are checked; a padded shape of
   * more than {@code 2^31 - 1} elements is refused rather than overflowing.
   */
  static Shape paddedShape(int[] paddings, Shape inShape, String opName) {
    int[] pad = padAmounts(paddings, inShape, opName);
    int[] outDims = new int[inShape.rank()];
    long elements = 1;
    for (int d = 0; d < outDims.length; d++) {
      long size = (long) inShape.dim(d) + pad[2 * d] + pad[2 * d + 1];
      // Checked before multiplying, so both factors are below 2^31 and the product fits a long.
      if (size > Integer.MAX_VALUE || (elements *= size) > Integer.MAX_VALUE) {
        throw new ShapeMismatchException(
            opName + ": padding " + inShape + " by " + Arrays.toString(pad) + " is too large");
      }
      outDims[d] = (int) size;
    }
    return Shape.of(outDims);
  }

  /** Checks {@code paddings} (flattened {@code [rank, 2]}, each ≥ 0) against the input. */
  static int[] padAmounts(int[] paddings, Shape inShape, String opName) {
    if (paddings.length != 2 * inShape.rank()) {
      throw new ShapeMismatchException(
          opName
              + ": paddings have "
              + paddings.length
              + " values, input "
              + inShape
              + " needs [rank, 2]");
    }
    for (int p : paddings) {
      if (p < 0) {
        throw new ShapeMismatchException(opName + ": negative padding " + p);
      }
    }
    return paddings;
  }
}
