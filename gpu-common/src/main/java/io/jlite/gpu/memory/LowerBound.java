package io.jlite.gpu.memory;

import java.util.List;

/**
 * The lower bound of any assignment: the largest sum of the sizes of the tensors alive at one step
 * (those tensors need pairwise disjoint memory).
 */
public final class LowerBound {
  private LowerBound() {}

  /** The lower bound of {@code usages}; 0 for none. */
  public static long of(List<TensorUsage> usages) {
    long max = 0;
    for (long l : breadths(usages)) {
      max = Math.max(max, l);
    }
    return max;
  }

  /** The sum of sizes alive at each step (the "breadth" of the step). */
  static long[] breadths(List<TensorUsage> usages) {
    int steps = usages.stream().mapToInt(TensorUsage::last).max().orElse(-1) + 1;
    long[] live = new long[steps];
    for (TensorUsage u : usages) {
      for (int s = u.first(); s <= u.last(); s++) {
        live[s] += u.size();
      }
    }
    return live;
  }
}
