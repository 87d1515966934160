package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.Arrays;
import org.tensorflow.lite.schema.ResizeBilinearOptionsT;

/**
 * RESIZE_BILINEAR: resizes the H and W axes of an NHWC float tensor to {@code size} (input 1, two
 * integers: height, width) by bilinear interpolation, exactly as TFLite's reference {@code
 * ResizeBilinear}, in float. Per axis with input size {@code in} and output size {@code out}:
 * {@code scale = in / out}, or {@code (in - 1) / (out - 1)} with {@code align_corners} and {@code
 * out > 1}. Output coordinate {@code o} maps to {@code p = (o + 0.5)·scale - 0.5} with {@code
 * half_pixel_centers}, else {@code p = o·scale}; it reads rows/columns {@code lo = max(floor(p),
 * 0)} and {@code hi = min(ceil(p), in - 1)} with weights {@code 1 - (p - lo)} and {@code p - lo}
 * (computed from the unclamped {@code p}, so near the top/left edge, where {@code lo = hi = 0}, the
 * two weights still sum to 1). The output is {@code Σ in[lo|hi y, lo|hi x]·wy·wx} summed in the
 * order (lo,lo), (hi,lo), (lo,hi), (hi,hi). {@code align_corners} and {@code half_pixel_centers}
 * together are rejected, as in TFLite.
 *
 * @param size the output height and width
 * @param alignCorners map the corner pixels' centres onto each other
 * @param halfPixelCenters sample at pixel centres
 */
public record ResizeBilinear(IntOperand size, boolean alignCorners, boolean halfPixelCenters)
    implements ValueShapedOp {
  static ResizeBilinear create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    if (!ctx.input(0).type().isFloating()) {
      throw ctx.unsupported("RESIZE_BILINEAR of " + ctx.input(0).type() + " tensors");
    }
    ResizeBilinearOptionsT o =
        ctx.options(ResizeBilinearOptionsT.class, ResizeBilinearOptionsT::new);
    if (o.getAlignCorners() && o.getHalfPixelCenters()) {
      throw ctx.formatError("sets both align_corners and half_pixel_centers");
    }
    return new ResizeBilinear(
        IntOperand.fromInput(ctx, 1), o.getAlignCorners(), o.getHalfPixelCenters());
  }

  @Override
  public Shape outputShape(NdArray[] in) {
    return resizedShape(in[0].shape(), size.values(in), "RESIZE_BILINEAR");
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int[] outSize = outputSize(inShape, size.values(in), "RESIZE_BILINEAR");
    final int batches = inShape.dim(0);
    final int inHeight = inShape.dim(1);
    final int inWidth = inShape.dim(2);
    final int depth = inShape.dim(3);
    final int outHeight = outSize[0];
    final int outWidth = outSize[1];
    final float heightScale = scale(inHeight, outHeight, alignCorners);
    final float widthScale = scale(inWidth, outWidth, alignCorners);

    float[] input = in[0].floats();
    Shape outShape = Shape.of(batches, outHeight, outWidth, depth);
    float[] output = new float[outShape.size()];
    for (int b = 0; b < batches; b++) {
      for (int y = 0; y < outHeight; y++) {
        float inY = sourceCoordinate(y, heightScale, halfPixelCenters);
        int y0 = Math.max((int) Math.floor(inY), 0);
        int y1 = Math.min((int) Math.ceil(inY), inHeight - 1);
        for (int x = 0; x < outWidth; x++) {
          float inX = sourceCoordinate(x, widthScale, halfPixelCenters);
          int x0 = Math.max((int) Math.floor(inX), 0);
          int x1 = Math.min((int) Math.ceil(inX), inWidth - 1);
          for (int c = 0; c < depth; c++) {
            output[outShape.offset(b, y, x, c)] =
                input[inShape.offset(b, y0, x0, c)] * (1 - (inY - y0)) * (1 - (inX - x0))
                    + input[inShape.offset(b, y1, x0, c)] * (inY - y0) * (1 - (inX - x0))
                    + input[inShape.offset(b, y0, x1, c)] * (1 - (inY - y0)) * (inX - x0)
                    + input[inShape.offset(b, y1, x1, c)] * (inY - y0) * (inX - x0);
          }
        }
      }
    }
    return new NdArray[] {NdArray.ofFloats(in[0].type(), outShape, output)};
  }

  /** The input-per-output step along one axis. */
  static float scale(int in, int out, boolean alignCorners) {
    return alignCorners && out > 1 ? (float) (in - 1) / (out - 1) : (float) in / out;
  }

  private static float sourceCoordinate(int o, float scale, boolean halfPixelCenters) {
    return halfPixelCenters ? (o + 0.5f) * scale - 0.5f : o * scale;
  }

  /**
   * The NHWC shape of {@code inShape} resized to {@code size} (checked as by {@link #outputSize}).
   */
  static Shape resizedShape(Shape inShape, int[] size, String opName) {
    int[] hw = outputSize(inShape, size, opName);
    return Shape.of(inShape.dim(0), hw[0], hw[1], inShape.dim(3));
  }

  /** Checks a rank-4 NHWC input with non-empty H and W and a size of two positive values. */
  static int[] outputSize(Shape inShape, int[] size, String opName) {
    if (inShape.rank() != 4) {
      throw new ShapeMismatchException(opName + " needs a rank-4 NHWC input, got " + inShape);
    }
    if (size.length != 2 || size[0] < 1 || size[1] < 1) {
      throw new ShapeMismatchException(
          opName + ": size must be two positive values, got " + Arrays.toString(size));
    }
    if (inShape.dim(1) < 1 || inShape.dim(2) < 1) {
      throw new ShapeMismatchException(opName + " of an empty image " + inShape);
    }
    return size;
  }
}
