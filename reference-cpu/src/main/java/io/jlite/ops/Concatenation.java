package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.ConcatenationOptionsT;

/**
 * CONCATENATION: joins its inputs along {@code axis} ({@code axis < 0} counts from the end). All
 * inputs have the same rank and storage type and agree on every dimension except {@code axis},
 * whose output size is the sum of theirs; the output holds, for each position of the axes before
 * {@code axis}, the block of input 0, then that of input 1, and so on. Float and integer tensors.
 *
 * <p>The fused activation is applied to float outputs. (TFLite's CPU kernel rejects any activation
 * but NONE; its GPU delegate applies it, as we do.) Integer inputs with an activation are rejected.
 *
 * @param axis the axis as stored in the options, possibly negative
 * @param activation the fused activation
 */
public record Concatenation(int axis, Activation activation) implements Op {
  static Concatenation create(OpContext ctx) {
    ctx.requireInputCount(1, Math.max(1, ctx.inputs().size()));
    for (int i = 0; i < ctx.inputs().size(); i++) {
      ctx.input(i);
    }
    ConcatenationOptionsT o = ctx.options(ConcatenationOptionsT.class, ConcatenationOptionsT::new);
    Activation activation = Activation.fromSchema(o.getFusedActivationFunction(), ctx);
    if (activation != Activation.NONE && !ctx.input(0).type().isFloating()) {
      throw ctx.unsupported("a fused activation on " + ctx.input(0).type() + " inputs");
    }
    return new Concatenation(o.getAxis(), activation);
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Indexing.requireSameStorage(in, "CONCATENATION");
    Shape first = in[0].shape();
    int rank = first.rank();
    int a = Indexing.axis(axis, rank, "CONCATENATION");
    int[] outDims = first.toArray();
    outDims[a] = 0;
    for (NdArray t : in) {
      Shape s = t.shape();
      boolean compatible = s.rank() == rank;
      for (int d = 0; compatible && d < rank; d++) {
        compatible = d == a || s.dim(d) == first.dim(d);
      }
      if (!compatible) {
        throw new ShapeMismatchException(
            "CONCATENATION along axis " + a + " of " + first + " and " + s);
      }
      outDims[a] = Math.addExact(outDims[a], s.dim(a));
    }
    Shape outShape = Shape.of(outDims);
    NdArray out = Indexing.allocate(in[0].type(), outShape);
    Object target = Indexing.data(out);
    int outer = Indexing.product(first, 0, a);
    int inner = Indexing.product(first, a + 1, rank);
    int position = 0;
    for (int o = 0; o < outer; o++) {
      for (NdArray t : in) {
        int block = t.shape().dim(a) * inner;
        System.arraycopy(Indexing.data(t), o * block, target, position, block);
        position += block;
      }
    }
    if (out.isFloating()) {
      activation.applyInPlace(out.floats());
    }
    return new NdArray[] {out};
  }
}
