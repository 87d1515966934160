package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Arrays;

/**
 * TRANSPOSE: permutes the axes. {@code perm} (input 1) is an integer vector holding each of {@code
 * 0..rank-1} once; output axis {@code i} is input axis {@code perm[i]}: {@code out.dim(i) =
 * in.dim(perm[i])} and {@code out[j_0, …, j_{r-1}] = in[x]} with {@code x[perm[i]] = j_i}. Float
 * and integer tensors.
 *
 * @param perm the permutation
 */
public record Transpose(IntOperand perm) implements Op {
  static Transpose create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    return new Transpose(IntOperand.fromInput(ctx, 1));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int[] p = perm.values(in);
    boolean[] seen = new boolean[rank];
    boolean valid = p.length == rank;
    for (int i = 0; valid && i < rank; i++) {
      valid = p[i] >= 0 && p[i] < rank && !seen[p[i]];
      if (valid) {
        seen[p[i]] = true;
      }
    }
    if (!valid) {
      throw new ShapeMismatchException(
          "TRANSPOSE of " + inShape + ": " + Arrays.toString(p) + " is not a permutation");
    }
    int[] inStrides = inShape.strides();
    int[] outDims = new int[rank];
    int[] sourceStride = new int[rank];
    for (int i = 0; i < rank; i++) {
      outDims[i] = inShape.dim(p[i]);
      sourceStride[i] = inStrides[p[i]];
    }
    Shape outShape = Shape.of(outDims);
    int[] source = new int[outShape.size()];
    int[] index = new int[rank];
    for (int i = 0; i < source.length; i++) {
      int offset = 0;
      for (int d = 0; d < rank; d++) {
        offset += index[d] * sourceStride[d];
      }
      source[i] = offset;
      Indexing.next(index, outDims);
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source)};
  }
}
