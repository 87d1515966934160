package io.jlite.gpu.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GREEDY_BY_BREADTH: the steps with the most live bytes ("breadth") are served first; at each, its
 * live tensors, largest first, take the best object free for their lifetime, else a new one. The
 * tensors that make up the peak are thus packed first. In the arena, tensors in the same order take
 * the best-fitting gap.
 */
public record GreedyByBreadthStrategy() implements MemoryStrategy {
  @Override
  public String name() {
    return "GREEDY_BY_BREADTH";
  }

  @Override
  public ObjectAssignment assignObjects(List<TensorUsage> usages) {
    ObjectPool pool = new ObjectPool(usages.size());
    for (TensorUsage u : order(usages)) {
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
    return BestFitArena.place(usages, order(usages));
  }

  /** Tensors by the breadth of the widest step they are alive at, then by size, both descending. */
  private static List<TensorUsage> order(List<TensorUsage> usages) {
    long[] breadth = LowerBound.breadths(usages);
    List<Integer> steps = new ArrayList<>();
    for (int s = 0; s < breadth.length; s++) {
      steps.add(s);
    }
    steps.sort(
        Comparator.comparingLong((Integer s) -> breadth[s]).reversed().thenComparing(s -> s));
    List<TensorUsage> order = new ArrayList<>();
    boolean[] taken = new boolean[usages.size()];
    for (int step : steps) {
      usages.stream()
          .filter(u -> !taken[u.id()] && u.first() <= step && step <= u.last())
          .sorted(
              Comparator.comparingLong(TensorUsage::size)
                  .reversed()
                  .thenComparingInt(TensorUsage::id))
          .forEach(
              u -> {
                taken[u.id()] = true;
                order.add(u);
              });
    }
    return order;
  }
}
