package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Op;
import io.jlite.ops.Pool2D;

/**
 * An AVERAGE_POOL_2D or MAX_POOL_2D with a zero PAD of its input's H and W axes merged into it:
 * {@code pool(pad(x))} as one op. Unlike the pooling's own padding, which leaves out-of-range
 * positions out of the window, the PAD's zeros are elements: a maximum includes 0 and an average
 * counts them in its divisor. The pooling's own padding applies to the padded size.
 *
 * @param pool an {@link AveragePool2D} or {@link MaxPool2D}
 */
public record PaddedPool(Op pool, int padTop, int padBottom, int padLeft, int padRight)
    implements Op {
  public PaddedPool {
    if (!(pool instanceof AveragePool2D) && !(pool instanceof MaxPool2D)) {
      throw new IllegalArgumentException("only AVERAGE and MAX pooling take a merged PAD: " + pool);
    }
    SpatialPadding.check(padTop, padBottom, padLeft, padRight);
  }

  /** The pooling's window options. */
  public Pool2D options() {
    return pool instanceof AveragePool2D a ? a.pool() : ((MaxPool2D) pool).pool();
  }

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    return pool.apply(
        new NdArray[] {SpatialPadding.pad(inputs[0], padTop, padBottom, padLeft, padRight)});
  }
}
