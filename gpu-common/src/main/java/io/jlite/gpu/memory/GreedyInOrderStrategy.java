package io.jlite.gpu.memory;

import java.util.Comparator;
import java.util.List;

/**
 * GREEDY_IN_ORDER: tensors in order of first use take the best object free for their lifetime (the
 * smallest large enough, else the largest, grown), else a new one. In the arena, tensors in the
 * same order take the best-fitting gap.
 */
public record GreedyInOrderStrategy() implements MemoryStrategy {
  private static final Comparator<TensorUsage> ORDER =
      Comparator.comparingInt(TensorUsage::first).thenComparingInt(TensorUsage::id);

  @Override
  public String name() {
    return "GREEDY_IN_ORDER";
  }

  @Override
  public ObjectAssignment assignObjects(List<TensorUsage> usages) {
    ObjectPool pool = new ObjectPool(usages.size());
    for (TensorUsage u : usages.stream().sorted(ORDER).toList()) {
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
