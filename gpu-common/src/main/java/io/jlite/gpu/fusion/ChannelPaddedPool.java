package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Op;

/**
 * A pooling followed by a PAD that appends {@code channelsAfter} zero channels: {@code
 * pad(pool(x))} as one op, so the pooling writes the padded tensor and the pooled one never exists.
 * (BlazePose's downsampling blocks do this: a MAX_POOL_2D shortcut widened with zero channels to
 * the width of the residual it is added to.)
 *
 * @param pool an {@link AveragePool2D}, a {@link MaxPool2D} or a {@link PaddedPool}
 * @param channelsAfter zero channels appended, at least 1
 */
public record ChannelPaddedPool(Op pool, int channelsAfter) implements Op {
  public ChannelPaddedPool {
    if (!(pool instanceof AveragePool2D)
        && !(pool instanceof MaxPool2D)
        && !(pool instanceof PaddedPool)) {
      throw new IllegalArgumentException("only a pooling takes a channel PAD: " + pool);
    }
    if (channelsAfter < 1) {
      throw new IllegalArgumentException("channelsAfter must be at least 1: " + channelsAfter);
    }
  }

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    NdArray pooled = pool.apply(inputs)[0];
    Shape s = pooled.shape();
    int channels = s.dim(3);
    int padded = channels + channelsAfter;
    float[] in = pooled.floats();
    float[] out = new float[in.length / channels * padded];
    for (int p = 0; p < in.length / channels; p++) {
      System.arraycopy(in, p * channels, out, p * padded, channels);
    }
    return new NdArray[] {
      NdArray.ofFloats(pooled.type(), Shape.of(s.dim(0), s.dim(1), s.dim(2), padded), out)
    };
  }
}
