package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.SpaceToDepthOptionsT;

/**
 * SPACE_TO_DEPTH: the inverse of {@link DepthToSpace}. With block size {@code bs}, input {@code [b,
 * h, w, c]} ({@code h} and {@code w} multiples of {@code bs}) becomes {@code [b, h / bs, w / bs,
 * c·bs²]} with {@code out[b, y, x, (dy·bs + dx)·c + ic] = in[b, y·bs + dy, x·bs + dx, ic]}. Float
 * and integer tensors.
 *
 * @param blockSize the block size, ≥ 1
 */
public record SpaceToDepth(int blockSize) implements Op {
  static SpaceToDepth create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    SpaceToDepthOptionsT o = ctx.options(SpaceToDepthOptionsT.class, SpaceToDepthOptionsT::new);
    if (o.getBlockSize() < 1) {
      throw ctx.formatError("has block size " + o.getBlockSize() + "; it must be ≥ 1");
    }
    return new SpaceToDepth(o.getBlockSize());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int bs = blockSize;
    if (inShape.rank() != 4 || inShape.dim(1) % bs != 0 || inShape.dim(2) % bs != 0) {
      throw new ShapeMismatchException(
          "SPACE_TO_DEPTH with block size "
              + bs
              + " needs an NHWC input whose height and width are multiples of it, got "
              + inShape);
    }
    final int batches = inShape.dim(0);
    final int inDepth = inShape.dim(3);
    final int outHeight = inShape.dim(1) / bs;
    final int outWidth = inShape.dim(2) / bs;
    Shape outShape = Shape.of(batches, outHeight, outWidth, inDepth * bs * bs);
    int[] source = new int[outShape.size()];
    for (int b = 0; b < batches; b++) {
      for (int y = 0; y < outHeight; y++) {
        for (int x = 0; x < outWidth; x++) {
          for (int dy = 0; dy < bs; dy++) {
            for (int dx = 0; dx < bs; dx++) {
              for (int ic = 0; ic < inDepth; ic++) {
                int outChannel = (dy * bs + dx) * inDepth + ic;
                source[outShape.offset(b, y, x, outChannel)] =
                    inShape.offset(b, y * bs + dy, x * bs + dx, ic);
              }
            }
          }
        }
      }
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source)};
  }
}
