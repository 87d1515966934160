package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.MirrorPadOptionsT;

/**
 * MIRROR_PAD: pads like {@link Pad} (input 1: paddings {@code [rank, 2]}, each ≥ 0) but fills the
 * border with the input mirrored at its edges. Along an axis of size {@code n}, output position
 * {@code o} reads input coordinate {@code i = o - before} mapped into range: REFLECT mirrors about
 * the edge element without repeating it ({@code i < 0 → -i}, {@code i ≥ n → 2(n-1) - i}; padding ≤
 * n-1), SYMMETRIC repeats it ({@code i < 0 → -i - 1}, {@code i ≥ n → 2n - 1 - i}; padding ≤ n).
 * Float and integer tensors.
 *
 * @param paddings the {@code [rank, 2]} paddings, flattened
 * @param mode REFLECT or SYMMETRIC
 */
public record MirrorPad(IntOperand paddings, Mode mode) implements ValueShapedOp {
  /** How the border mirrors the input. */
  public enum Mode {
    REFLECT,
    SYMMETRIC
  }

  static MirrorPad create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    MirrorPadOptionsT o = ctx.options(MirrorPadOptionsT.class, MirrorPadOptionsT::new);
    Mode mode =
        switch (o.getMode()) {
          case org.tensorflow.lite.schema.MirrorPadMode.REFLECT -> Mode.REFLECT;
          case org.tensorflow.lite.schema.MirrorPadMode.SYMMETRIC -> Mode.SYMMETRIC;
          default -> throw ctx.formatError("has unknown mirror pad mode " + o.getMode());
        };
    return new MirrorPad(IntOperand.fromInput(ctx, 1), mode);
  }

  @Override
  public Shape outputShape(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int[] pad = Pad.padAmounts(paddings.values(in), inShape, "MIRROR_PAD");
    int[] outDims = new int[rank];
    for (int d = 0; d < rank; d++) {
      int n = inShape.dim(d);
      int limit = mode == Mode.REFLECT ? n - 1 : n;
      if (pad[2 * d] > limit || pad[2 * d + 1] > limit) {
        throw new ShapeMismatchException(
            "MIRROR_PAD "
                + mode
                + ": padding "
                + pad[2 * d]
                + ", "
                + pad[2 * d + 1]
                + " of axis "
                + d
                + " exceeds "
                + limit
                + " for input "
                + inShape);
      }
      outDims[d] = n + pad[2 * d] + pad[2 * d + 1];
    }
    return Shape.of(outDims);
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int[] pad = Pad.padAmounts(paddings.values(in), inShape, "MIRROR_PAD");
    Shape outShape = outputShape(in);
    int[] outDims = outShape.toArray();
    int[] inStrides = inShape.strides();
    int[] source = new int[outShape.size()];
    int[] index = new int[rank];
    for (int i = 0; i < source.length; i++) {
      int offset = 0;
      for (int d = 0; d < rank; d++) {
        offset += mirror(index[d] - pad[2 * d], inShape.dim(d)) * inStrides[d];
      }
      source[i] = offset;
      Indexing.next(index, outDims);
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source)};
  }

  /** Maps coordinate {@code i} (in {@code [-pad, n + pad)}) into {@code [0, n)}. */
  private int mirror(int i, int n) {
    if (i < 0) {
      return mode == Mode.REFLECT ? -i : -i - 1;
    }
    if (i >= n) {
      return mode == Mode.REFLECT ? 2 * (n - 1) - i : 2 * n - 1 - i;
    }
    return i;
  }
}
