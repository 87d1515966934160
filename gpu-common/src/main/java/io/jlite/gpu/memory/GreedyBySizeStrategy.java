package io.jlite.gpu.memory;

import java.util.Comparator;
import java.util.List;

/**
 * GREEDY_BY_SIZE: the largest tensors are placed first, each in the smallest object (or arena gap)
 * that is free for its whole lifetime; small tensors then fill the holes the large ones leave. In
 * the arena this is TFLite GPU's best strategy for linear buffers.
 */
public record GreedyBySizeStrategy() implements MemoryStrategy {
  private static final Comparator<TensorUsage> ORDER =
      Comparator.comparingLong(TensorUsage::size).reversed().thenComparingInt(TensorUsage::first);

  @Override
  public String name() {
    return "GREEDY_BY_SIZE";
  }

  @Override
  public ObjectAssignment assignObjects(List<TensorUsage> usages) {
    ObjectPool pool = new ObjectPool(usages.size());
    for (TensorUsage u : usages.stream().sorted(ORDER).toList()) {
      // Objects made earlier are at least as large as u, so the best free one fits.
      int best = pool.bestFree(u);
      if (best >= 0) {
        pool.assign(u, best);
      } else {
        pool.assignNew(u);
      }
    }
    return pool.result();
  }

  @Override
  public OffsetAssignment assignOffsets(List<TensorUsage> usages) {
    return BestFitArena.place(usages, usages.stream().sorted(ORDER).toList());
  }
}
