package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.PackOptionsT;

/**
 * PACK: stacks its {@code N} inputs, all of one shape and storage type, along a new axis of size
 * {@code N} at position {@code axis} of the output ({@code axis} in {@code [-rank-1, rank]}, a
 * negative one counting from the end of the output's axes): {@code out[..., k, ...] = input_k}.
 * Float and integer tensors.
 *
 * @param axis the position of the new axis as stored in the options, possibly negative
 */
public record Pack(int axis) implements Op {
  static Pack create(OpContext ctx) {
    ctx.requireInputCount(1, Math.max(1, ctx.inputs().size()));
    for (int i = 0; i < ctx.inputs().size(); i++) {
      ctx.input(i);
    }
    PackOptionsT o = ctx.options(PackOptionsT.class, PackOptionsT::new);
    if (o.getValuesCount() != ctx.inputs().size()) {
      throw ctx.formatError(
          "has values_count " + o.getValuesCount() + " but " + ctx.inputs().size() + " inputs");
    }
    return new Pack(o.getAxis());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Indexing.requireSameStorage(in, "PACK");
    Shape inShape = in[0].shape();
    for (NdArray t : in) {
      if (!t.shape().equals(inShape)) {
        throw new ShapeMismatchException("PACK of " + inShape + " and " + t.shape());
      }
    }
    int rank = inShape.rank();
    int a = Indexing.axis(axis, rank + 1, "PACK");
    int[] outDims = new int[rank + 1];
    for (int d = 0, src = 0; d <= rank; d++) {
      outDims[d] = d == a ? in.length : inShape.dim(src++);
    }
    NdArray out = Indexing.allocate(in[0].type(), Shape.of(outDims));
    Object target = Indexing.data(out);
    int outer = Indexing.product(inShape, 0, a);
    int inner = Indexing.product(inShape, a, rank);
    for (int o = 0; o < outer; o++) {
      for (int k = 0; k < in.length; k++) {
        System.arraycopy(
            Indexing.data(in[k]), o * inner, target, (o * in.length + k) * inner, inner);
      }
    }
    return new NdArray[] {out};
  }
}
