package io.jlite.ops;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptionsT;

/**
 * RESIZE_NEAREST_NEIGHBOR: resizes the H and W axes of an NHWC tensor to {@code size} (input 1, two
 * integers: height, width) by copying the nearest input pixel, exactly as TFLite's reference {@code
 * GetNearestNeighbor}, in float. Per axis with input size {@code in} and output size {@code out}:
 * {@code scale = in / out}, or {@code (in - 1) / (out - 1)} with {@code align_corners} and {@code
 * out > 1}; with {@code offset = 0.5} if {@code half_pixel_centers} else 0, output coordinate
 * {@code o} reads {@code min(round((o + offset)·scale), in - 1)} with {@code align_corners} (round
 * half away from zero), else {@code min(floor((o + offset)·scale), in - 1)}; with {@code
 * half_pixel_centers} the result is also kept ≥ 0. (Unlike bilinear, the half-pixel coordinate does
 * not subtract 0.5.) Both options together are allowed, as in TFLite. Float and integer tensors.
 *
 * @param size the output height and width
 * @param alignCorners map the corner pixels' centres onto each other, rounding to nearest
 * @param halfPixelCenters sample at pixel centres
 */
public record ResizeNearestNeighbor(IntOperand size, boolean alignCorners, boolean halfPixelCenters)
    implements ValueShapedOp {
  static ResizeNearestNeighbor create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    ResizeNearestNeighborOptionsT o =
        ctx.options(ResizeNearestNeighborOptionsT.class, ResizeNearestNeighborOptionsT::new);
    return new ResizeNearestNeighbor(
        IntOperand.fromInput(ctx, 1), o.getAlignCorners(), o.getHalfPixelCenters());
  }

  @Override
  public Shape outputShape(NdArray[] in) {
    return ResizeBilinear.resizedShape(in[0].shape(), size.values(in), "RESIZE_NEAREST_NEIGHBOR");
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int[] outSize = ResizeBilinear.outputSize(inShape, size.values(in), "RESIZE_NEAREST_NEIGHBOR");
    final int batches = inShape.dim(0);
    final int inHeight = inShape.dim(1);
    final int inWidth = inShape.dim(2);
    final int depth = inShape.dim(3);
    final int outHeight = outSize[0];
    final int outWidth = outSize[1];
    Shape outShape = Shape.of(batches, outHeight, outWidth, depth);
    int[] source = new int[outShape.size()];
    for (int b = 0; b < batches; b++) {
      for (int y = 0; y < outHeight; y++) {
        int inY = nearest(y, inHeight, outHeight);
        for (int x = 0; x < outWidth; x++) {
          int inX = nearest(x, inWidth, outWidth);
          for (int c = 0; c < depth; c++) {
            source[outShape.offset(b, y, x, c)] = inShape.offset(b, inY, inX, c);
          }
        }
      }
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source)};
  }

  /** The input coordinate that output coordinate {@code o} copies. */
  int nearest(int o, int inSize, int outSize) {
    float scale = ResizeBilinear.scale(inSize, outSize, alignCorners);
    float offset = halfPixelCenters ? 0.5f : 0f;
    float p = (o + offset) * scale;
    // Math.round is round-half-up; p ≥ 0 here, where that equals C's round-half-away-from-zero
    int index = Math.min(alignCorners ? Math.round(p) : (int) Math.floor(p), inSize - 1);
    return halfPixelCenters ? Math.max(0, index) : index;
  }
}
