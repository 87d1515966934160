package io.jlite.ops;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;

/**
 * An op whose output shape depends on the values of its inputs, not only on their shapes (an output
 * size, paddings): RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, PAD, PADV2, MIRROR_PAD. The
 * interpreter asks for the shape before {@link #apply} and checks it against the model's declared
 * output and the {@link io.jlite.loader.LoaderLimits}, so that a hostile operand value is refused
 * before anything is allocated for it.
 */
public interface ValueShapedOp extends Op {
  /**
   * The shape {@link #apply} would give the (single) output for these inputs, computed without
   * computing the output; bad operand values throw as {@code apply} would.
   */
  Shape outputShape(NdArray[] inputs);
}
