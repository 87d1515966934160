package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.SplitOptionsT;

/**
 * SPLIT: cuts input 1 along {@code axis} (input 0, one integer; negative counts from the end) into
 * {@code num_splits} equal consecutive pieces; the axis size must be a multiple of {@code
 * num_splits}. Output {@code k} holds positions {@code [k·n, (k+1)·n)} of the axis, {@code n = size
 * / num_splits}. Float and integer tensors.
 *
 * @param axis the split axis
 * @param numSplits the number of outputs, ≥ 1
 */
public record Split(IntOperand axis, int numSplits) implements Op {
  static Split create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    SplitOptionsT o = ctx.options(SplitOptionsT.class, SplitOptionsT::new);
    if (o.getNumSplits() < 1 || o.getNumSplits() != ctx.outputs().size()) {
      throw ctx.formatError(
          "has num_splits " + o.getNumSplits() + " and " + ctx.outputs().size() + " outputs");
    }
    return new Split(IntOperand.fromInput(ctx, 0), o.getNumSplits());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    NdArray value = in[1];
    int a = Indexing.axis(axis.scalar(in, "SPLIT"), value.shape().rank(), "SPLIT");
    int size = value.shape().dim(a);
    if (size % numSplits != 0) {
      throw new ShapeMismatchException(
          "SPLIT of axis " + a + " of " + value.shape() + " into " + numSplits + " pieces");
    }
    int[] sizes = new int[numSplits];
    java.util.Arrays.fill(sizes, size / numSplits);
    return cut(value, a, sizes);
  }

  /** Cuts {@code value} along axis {@code a} into consecutive pieces of the given sizes. */
  static NdArray[] cut(NdArray value, int a, int[] sizes) {
    Shape shape = value.shape();
    int outer = Indexing.product(shape, 0, a);
    int inner = Indexing.product(shape, a + 1, shape.rank());
    int axisSize = shape.dim(a);
    Object source = Indexing.data(value);
    NdArray[] outs = new NdArray[sizes.length];
    int first = 0;
    for (int k = 0; k < sizes.length; k++) {
      int[] dims = shape.toArray();
      dims[a] = sizes[k];
      outs[k] = Indexing.allocate(value.type(), Shape.of(dims));
      Object target = Indexing.data(outs[k]);
      int block = sizes[k] * inner;
      for (int o = 0; o < outer; o++) {
        System.arraycopy(source, (o * axisSize + first) * inner, target, o * block, block);
      }
      first += sizes[k];
    }
    return outs;
  }
}
