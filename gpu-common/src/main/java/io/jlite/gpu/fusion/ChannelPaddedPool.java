package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.IntOperand;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Op;
import io.jlite.ops.Pad;
import java.util.List;
import java.util.Optional;

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

  /** The reference PAD of the pooled tensor, zeros after its channels. */
  @Override
  public NdArray[] apply(NdArray[] inputs) {
    IntOperand paddings =
        new IntOperand(-1, Optional.of(List.of(0, 0, 0, 0, 0, 0, 0, channelsAfter)));
    return new Pad(paddings, 0).apply(pool.apply(inputs));
  }
}
