package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.SqueezeOptionsT;

/**
 * SQUEEZE: removes dimensions of size 1. With {@code squeeze_dims} empty every size-1 dimension
 * goes; otherwise exactly the listed ones (negative counts from the end, repeats allowed), each of
 * which must have size 1. The elements keep their order. Float and integer tensors.
 *
 * @param squeezeDims the axes to remove, as stored in the options; empty for all size-1 axes
 */
public record Squeeze(List<Integer> squeezeDims) implements Op {
  public Squeeze {
    squeezeDims = List.copyOf(squeezeDims);
  }

  static Squeeze create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    SqueezeOptionsT o = ctx.options(SqueezeOptionsT.class, SqueezeOptionsT::new);
    List<Integer> dims = new ArrayList<>();
    if (o.getSqueezeDims() != null) {
      for (int d : o.getSqueezeDims()) {
        dims.add(d);
      }
    }
    return new Squeeze(dims);
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    boolean[] remove = new boolean[rank];
    if (squeezeDims.isEmpty()) {
      for (int d = 0; d < rank; d++) {
        remove[d] = inShape.dim(d) == 1;
      }
    }
    for (int axis : squeezeDims) {
      int d = Indexing.axis(axis, rank, "SQUEEZE");
      if (inShape.dim(d) != 1) {
        throw new ShapeMismatchException(
            "SQUEEZE of axis " + axis + " of " + inShape + ", which is not 1");
      }
      remove[d] = true;
    }
    List<Integer> kept = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      if (!remove[d]) {
        kept.add(inShape.dim(d));
      }
    }
    int[] dims = kept.stream().mapToInt(Integer::intValue).toArray();
    return new NdArray[] {Indexing.copy(in[0], Shape.of(dims))};
  }
}
