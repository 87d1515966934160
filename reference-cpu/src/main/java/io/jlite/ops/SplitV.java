package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import java.util.Arrays;
import org.tensorflow.lite.schema.SplitVOptionsT;

/**
 * SPLIT_V: cuts input 0 along {@code axis} (input 2, one integer; negative counts from the end)
 * into consecutive pieces of the sizes in {@code size_splits} (input 1, an integer vector of {@code
 * num_splits} entries). At most one size may be -1; it takes what the others leave. The sizes must
 * add up to the axis size. Float and integer tensors.
 *
 * @param sizeSplits the piece sizes
 * @param axis the split axis
 * @param numSplits the number of outputs, ≥ 1
 */
public record SplitV(IntOperand sizeSplits, IntOperand axis, int numSplits) implements Op {
  static SplitV create(OpContext ctx) {
    ctx.requireInputCount(3, 3);
    SplitVOptionsT o = ctx.options(SplitVOptionsT.class, SplitVOptionsT::new);
    if (o.getNumSplits() < 1 || o.getNumSplits() != ctx.outputs().size()) {
      throw ctx.formatError(
          "has num_splits " + o.getNumSplits() + " and " + ctx.outputs().size() + " outputs");
    }
    return new SplitV(IntOperand.fromInput(ctx, 1), IntOperand.fromInput(ctx, 2), o.getNumSplits());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    NdArray value = in[0];
    int a = Indexing.axis(axis.scalar(in, "SPLIT_V"), value.shape().rank(), "SPLIT_V");
    int size = value.shape().dim(a);
    int[] sizes = sizeSplits.values(in);
    if (sizes.length != numSplits) {
      throw new ShapeMismatchException(
          "SPLIT_V: " + sizes.length + " sizes for " + numSplits + " outputs");
    }
    int inferred = -1;
    long known = 0;
    for (int k = 0; k < sizes.length; k++) {
      if (sizes[k] == -1 && inferred < 0) {
        inferred = k;
      } else if (sizes[k] < 0) {
        throw new ShapeMismatchException("SPLIT_V sizes " + Arrays.toString(sizes));
      } else {
        known += sizes[k];
      }
    }
    if (inferred >= 0 && known <= size) {
      sizes[inferred] = (int) (size - known);
      known = size;
    }
    if (known != size) {
      throw new ShapeMismatchException(
          "SPLIT_V sizes "
              + Arrays.toString(sizeSplits.values(in))
              + " do not add up to axis "
              + a
              + " of "
              + value.shape());
    }
    return Split.cut(value, a, sizes);
  }
}
