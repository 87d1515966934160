package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.GatherOptionsT;

/**
 * GATHER: picks slices of {@code params} (input 0) along {@code axis} (negative counts from the
 * end) at the positions in {@code indices} (input 1, integer, any shape): the output shape is
 * {@code params.shape[:axis] + indices.shape + params.shape[axis+1:]} and {@code out[o, j, i] =
 * params[o, indices[j], i]} for outer position {@code o}, flat index position {@code j} and inner
 * position {@code i}. Every index must lie in {@code [0, params.dim(axis))}. Only {@code batch_dims
 * = 0} is supported. Float and integer params.
 *
 * @param axis the gathered axis as stored in the options, possibly negative
 */
public record Gather(int axis) implements Op {
  static Gather create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    GatherOptionsT o = ctx.options(GatherOptionsT.class, GatherOptionsT::new);
    int batchDims = o.getBatchDims();
    if (batchDims < 0) {
      batchDims += ctx.input(1).shape().rank();
    }
    if (batchDims != 0) {
      throw ctx.unsupported("batch_dims " + o.getBatchDims() + " is not supported (only 0)");
    }
    if (ctx.input(1).type().isFloating()) {
      throw ctx.formatError("indices " + ctx.input(1).describe() + " must be integers");
    }
    return new Gather(o.getAxis());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    NdArray params = in[0];
    if (in[1].isFloating()) {
      throw new ShapeMismatchException("GATHER indices must be integers, got " + in[1]);
    }
    int[] indices = in[1].ints();
    Shape paramsShape = params.shape();
    int rank = paramsShape.rank();
    int a = Indexing.axis(axis, rank, "GATHER");
    int axisSize = paramsShape.dim(a);
    int outer = Indexing.product(paramsShape, 0, a);
    int inner = Indexing.product(paramsShape, a + 1, rank);
    int[] indexDims = in[1].shape().toArray();
    int[] outDims = new int[rank - 1 + indexDims.length];
    for (int d = 0; d < outDims.length; d++) {
      if (d < a) {
        outDims[d] = paramsShape.dim(d);
      } else if (d < a + indexDims.length) {
        outDims[d] = indexDims[d - a];
      } else {
        outDims[d] = paramsShape.dim(d - indexDims.length + 1);
      }
    }
    NdArray out = Indexing.allocate(params.type(), Shape.of(outDims));
    Object source = Indexing.data(params);
    Object target = Indexing.data(out);
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < indices.length; j++) {
        int index = indices[j];
        if (index < 0 || index >= axisSize) {
          throw new ShapeMismatchException(
              "GATHER index " + index + " is outside [0, " + axisSize + ") of " + paramsShape);
        }
        System.arraycopy(
            source,
            (o * axisSize + index) * inner,
            target,
            (o * indices.length + j) * inner,
            inner);
      }
    }
    return new NdArray[] {out};
  }
}
