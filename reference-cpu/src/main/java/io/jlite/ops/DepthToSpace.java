package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.DepthToSpaceOptionsT;

/**
 * DEPTH_TO_SPACE: moves channel blocks into spatial blocks of an NHWC tensor (TensorFlow's DCR
 * order). With block size {@code bs}, input {@code [b, h, w, c]} ({@code c} a multiple of {@code
 * bs²}) becomes {@code [b, h·bs, w·bs, c / bs²]} with {@code out[b, y, x, oc] = in[b, y / bs, x /
 * bs, ((y % bs)·bs + x % bs)·(c / bs²) + oc]}. Float and integer tensors.
 *
 * @param blockSize the block size, ≥ 1
 */
public record DepthToSpace(int blockSize) implements Op {
  static DepthToSpace create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    DepthToSpaceOptionsT o = ctx.options(DepthToSpaceOptionsT.class, DepthToSpaceOptionsT::new);
    if (o.getBlockSize() < 1) {
      throw ctx.formatError("has block size " + o.getBlockSize() + "; it must be ≥ 1");
    }
    return new DepthToSpace(o.getBlockSize());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int bs = blockSize;
    if (inShape.rank() != 4 || inShape.dim(3) % (bs * bs) != 0) {
      throw new ShapeMismatchException(
          "DEPTH_TO_SPACE with block size "
              + bs
              + " needs an NHWC input whose depth is a multiple of "
              + bs * bs
              + ", got "
              + inShape);
    }
    final int batches = inShape.dim(0);
    final int outHeight = inShape.dim(1) * bs;
    final int outWidth = inShape.dim(2) * bs;
    final int outDepth = inShape.dim(3) / (bs * bs);
    Shape outShape = Shape.of(batches, outHeight, outWidth, outDepth);
    int[] source = new int[outShape.size()];
    for (int b = 0; b < batches; b++) {
      for (int y = 0; y < outHeight; y++) {
        for (int x = 0; x < outWidth; x++) {
          for (int oc = 0; oc < outDepth; oc++) {
            int inChannel = ((y % bs) * bs + x % bs) * outDepth + oc;
            source[outShape.offset(b, y, x, oc)] = inShape.offset(b, y / bs, x / bs, inChannel);
          }
        }
      }
    }
    return new NdArray[] {Indexing.take(in[0], outShape, source)};
  }
}
