package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.Pool2DOptionsT;

/**
 * The options and the window walk shared by the 2-D pooling ops ({@link AveragePool2D}, {@link
 * MaxPool2D}, {@link L2Pool2D}), as TFLite's {@code Pool2DOptions}.
 *
 * <p>For output element {@code (b, y, x, c)} of an NHWC input the window covers rows {@code
 * y·strideH - padTop + [0, filterH)} and columns {@code x·strideW - padLeft + [0, filterW)} of
 * channel {@code c}; only positions inside the input belong to it, so padding is never counted.
 * Output size and padding follow {@link Padding} with dilation 1. Every window holds at least one
 * element: VALID windows lie inside the input, and SAME pads less than a filter before and starts
 * the last window before the input's end.
 *
 * @param activation the fused activation, applied to each pooled value
 */
public record Pool2D(
    Padding padding, int strideH, int strideW, int filterH, int filterW, Activation activation) {

  /** Reads and checks the {@code Pool2DOptions} of a pooling op with one input. */
  static Pool2D fromOptions(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    Pool2DOptionsT o = ctx.options(Pool2DOptionsT.class, Pool2DOptionsT::new);
    Pool2D pool =
        new Pool2D(
            Padding.fromSchema(o.getPadding(), ctx),
            o.getStrideH(),
            o.getStrideW(),
            o.getFilterHeight(),
            o.getFilterWidth(),
            Activation.fromSchema(o.getFusedActivationFunction(), ctx));
    ctx.requireAtLeastOne("stride", pool.strideH, pool.strideW);
    ctx.requireAtLeastOne("filter", pool.filterH, pool.filterW);
    return pool;
  }

  /** Reduces the in-bounds elements of one window to one value. */
  @FunctionalInterface
  interface WindowReduction {
    /**
     * Returns the pooled value of one window.
     *
     * @param window the window's in-bounds elements in row-major window order, in {@code
     *     window[0..count)}
     * @param count how many there are (≥ 1)
     */
    float reduce(float[] window, int count);
  }

  /** Pools every window of {@code input} with {@code reduction}, then applies the activation. */
  NdArray apply(String opName, NdArray input, WindowReduction reduction) {
    Shape inShape = input.shape();
    if (inShape.rank() != 4) {
      throw new ShapeMismatchException(opName + " needs a rank-4 NHWC input, got " + inShape);
    }
    final int batches = inShape.dim(0);
    final int inHeight = inShape.dim(1);
    final int inWidth = inShape.dim(2);
    final int depth = inShape.dim(3);
    final int outHeight = padding.outputSize(inHeight, filterH, strideH, 1);
    final int outWidth = padding.outputSize(inWidth, filterW, strideW, 1);
    final int padTop = padding.padBefore(inHeight, filterH, strideH, 1);
    final int padLeft = padding.padBefore(inWidth, filterW, strideW, 1);

    float[] in = input.floats();
    Shape outShape = Shape.of(batches, outHeight, outWidth, depth);
    float[] output = new float[outShape.size()];
    // A window holds at most its in-bounds part: a filter larger than the input (a hostile model
    // may declare 2^30) neither allocates nor loops beyond the input.
    float[] window = new float[Math.min(filterH, inHeight) * Math.min(filterW, inWidth)];
    for (int b = 0; b < batches; b++) {
      for (int y = 0; y < outHeight; y++) {
        long top = (long) y * strideH - padTop;
        int kyFrom = (int) Math.max(0, -top);
        int kyTo = (int) Math.min(filterH, inHeight - top);
        for (int x = 0; x < outWidth; x++) {
          long left = (long) x * strideW - padLeft;
          int kxFrom = (int) Math.max(0, -left);
          int kxTo = (int) Math.min(filterW, inWidth - left);
          for (int c = 0; c < depth; c++) {
            int count = 0;
            for (int ky = kyFrom; ky < kyTo; ky++) {
              int iy = (int) (top + ky);
              for (int kx = kxFrom; kx < kxTo; kx++) {
                window[count++] = in[inShape.offset(b, iy, (int) (left + kx), c)];
              }
            }
            output[outShape.offset(b, y, x, c)] = activation.apply(reduction.reduce(window, count));
          }
        }
      }
    }
    return NdArray.of(outShape, output);
  }
}
