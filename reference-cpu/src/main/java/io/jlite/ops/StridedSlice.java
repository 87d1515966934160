package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.StridedSliceOptionsT;

/**
 * STRIDED_SLICE: numpy's {@code in[begin:end:stride, ...]}, as TFLite's {@code strided_slice_logic}
 * defines it. Inputs 1–3 are integer vectors {@code begin}, {@code end}, {@code strides} of one
 * common length {@code k ≤ rank}; axes from {@code k} on are taken whole. Along axis {@code d} of
 * size {@code n} with stride {@code s ≠ 0}:
 *
 * <ul>
 *   <li>start: {@code begin[d]}, plus {@code n} if negative, clamped to {@code [0, n]} for {@code s
 *       > 0} and {@code [-1, n-1]} for {@code s < 0}; with bit {@code d} of {@code begin_mask} it
 *       is {@code 0} ({@code s > 0}) or {@code n-1} ({@code s < 0}).
 *   <li>stop: {@code end[d]} (plus the resolved start when the {@code offset} option is set), plus
 *       {@code n} if negative, clamped the same way; with bit {@code d} of {@code end_mask} it is
 *       {@code n} ({@code s > 0}) or {@code -1} ({@code s < 0}).
 *   <li>the output takes {@code start, start + s, …} while before {@code stop}: {@code max(0,
 *       ceil((stop - start) / s))} elements.
 *   <li>with bit {@code d} of {@code shrink_axis_mask} the axis keeps only element {@code start}
 *       (which must lie in {@code [0, n)}) whatever the stride, and is dropped from the output
 *       shape.
 * </ul>
 *
 * {@code ellipsis_mask} and {@code new_axis_mask} must be 0 (TFLite's converter folds them away).
 * Float and integer tensors.
 *
 * @param begin the begin indices
 * @param end the end indices (exclusive)
 * @param strides the strides, none 0
 * @param beginMask bit d: ignore begin[d], start at the first element in the stride's direction
 * @param endMask bit d: ignore end[d], run to the last element in the stride's direction
 * @param shrinkAxisMask bit d: take element begin[d] only and drop axis d
 * @param offset end is relative to the resolved begin
 */
public record StridedSlice(
    IntOperand begin,
    IntOperand end,
    IntOperand strides,
    int beginMask,
    int endMask,
    int shrinkAxisMask,
    boolean offset)
    implements Op {

  static StridedSlice create(OpContext ctx) {
    ctx.requireInputCount(4, 4);
    StridedSliceOptionsT o = ctx.options(StridedSliceOptionsT.class, StridedSliceOptionsT::new);
    if (o.getEllipsisMask() != 0) {
      throw ctx.unsupported("ellipsis_mask " + o.getEllipsisMask() + " is not supported");
    }
    if (o.getNewAxisMask() != 0) {
      throw ctx.unsupported("new_axis_mask " + o.getNewAxisMask() + " is not supported");
    }
    return new StridedSlice(
        IntOperand.fromInput(ctx, 1),
        IntOperand.fromInput(ctx, 2),
        IntOperand.fromInput(ctx, 3),
        o.getBeginMask(),
        o.getEndMask(),
        o.getShrinkAxisMask(),
        o.getOffset());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int[] b = begin.values(in);
    int[] e = end.values(in);
    int[] s = strides.values(in);
    if (b.length != e.length || b.length != s.length || b.length > rank) {
      throw new ShapeMismatchException(
          "STRIDED_SLICE of "
              + inShape
              + " with "
              + b.length
              + " begin, "
              + e.length
              + " end and "
              + s.length
              + " stride values");
    }
    int[] start = new int[rank];
    int[] step = new int[rank];
    int[] count = new int[rank];
    List<Integer> outDims = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      int n = inShape.dim(d);
      if (d >= b.length) {
        start[d] = 0;
        step[d] = 1;
        count[d] = n;
        outDims.add(n);
        continue;
      }
      int stride = s[d];
      if (stride == 0) {
        throw new ShapeMismatchException("STRIDED_SLICE: stride of axis " + d + " is 0");
      }
      step[d] = stride;
      boolean forward = stride > 0;
      int first;
      if ((beginMask & (1 << d)) != 0) {
        first = forward ? 0 : n - 1;
      } else {
        first = clamp(b[d] < 0 ? (long) b[d] + n : b[d], n, forward);
      }
      if ((shrinkAxisMask & (1 << d)) != 0) {
        if (first < 0 || first >= n) {
          throw new ShapeMismatchException(
              "STRIDED_SLICE: shrunk axis " + d + " index " + b[d] + " is outside " + inShape);
        }
        start[d] = first;
        count[d] = 1;
        continue;
      }
      long stop;
      if ((endMask & (1 << d)) != 0) {
        stop = forward ? n : -1;
      } else {
        long last = offset ? (long) e[d] + first : e[d];
        stop = clamp(last < 0 ? last + n : last, n, forward);
      }
      // the number of elements start, start + stride, ... strictly before stop
      long span = forward ? stop - first : first - stop;
      long magnitude = Math.abs((long) stride);
      count[d] = span <= 0 ? 0 : (int) ((span + magnitude - 1) / magnitude);
      start[d] = first;
      outDims.add(count[d]);
    }
    Shape outShape = Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray());
    int[] inStrides = inShape.strides();
    int[] source = new int[outShape.size()];
    int[] index = new int[rank];
    for (int i = 0; i < source.length; i++) {
      int position = 0;
      for (int d = 0; d < rank; d++) {
        position += (start[d] + index[d] * step[d]) * inStrides[d];
      }
      source[i] = position;
      Indexing.next(index, count);
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source)};
  }

  /** Clamps to {@code [0, n]} going forward, {@code [-1, n-1]} going backward. */
  private static int clamp(long index, int n, boolean forward) {
    long lo = forward ? 0 : -1;
    long hi = forward ? n : n - 1;
    return (int) Math.max(lo, Math.min(hi, index));
  }
}
