package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.UnpackOptionsT;

/**
 * UNPACK: the inverse of {@link Pack}: splits the input along {@code axis} (negative counts from
 * the end), whose size must be {@code num}, into {@code num} outputs with that axis removed: {@code
 * output_k = in[..., k, ...]}. Float and integer tensors.
 *
 * @param num the number of outputs
 * @param axis the unpacked axis as stored in the options, possibly negative
 */
public record Unpack(int num, int axis) implements Op {
  static Unpack create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    UnpackOptionsT o = ctx.options(UnpackOptionsT.class, UnpackOptionsT::new);
    if (o.getNum() != ctx.outputs().size()) {
      throw ctx.formatError("has num " + o.getNum() + " but " + ctx.outputs().size() + " outputs");
    }
    return new Unpack(o.getNum(), o.getAxis());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int a = Indexing.axis(axis, rank, "UNPACK");
    if (inShape.dim(a) != num) {
      throw new ShapeMismatchException(
          "UNPACK into " + num + " along axis " + a + " of " + inShape);
    }
    int[] outDims = new int[rank - 1];
    for (int d = 0; d < rank - 1; d++) {
      outDims[d] = inShape.dim(d < a ? d : d + 1);
    }
    int outer = Indexing.product(inShape, 0, a);
    int inner = Indexing.product(inShape, a + 1, rank);
    Object source = Indexing.data(in[0]);
    NdArray[] outs = new NdArray[num];
    for (int k = 0; k < num; k++) {
      outs[k] = Indexing.allocate(in[0].type(), Shape.of(outDims));
      Object target = Indexing.data(outs[k]);
      for (int o = 0; o < outer; o++) {
        System.arraycopy(source, (o * num + k) * inner, target, o * inner, inner);
      }
    }
    return outs;
  }
}
