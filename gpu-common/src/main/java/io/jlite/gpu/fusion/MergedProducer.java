package io.jlite.gpu.fusion;

import io.jlite.ops.Op;

/**
 * An op that computes a producer node merged into its lone reader ({@link DepthwisePointwise},
 * {@link PointwiseDepthwise}): the merged node has the reader's index, and this names the
 * producer's, so a kernel reports every model op it computes.
 */
public interface MergedProducer extends Op {
  /** The model's op index of the merged producer. */
  int producerIndex();
}
