package io.jlite.gpu.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places tensors in one arena in a given order: each goes into the smallest gap, between the
 * already placed tensors whose lifetimes overlap its own, that holds it; else after the last of
 * them.
 */
final class BestFitArena {
  private BestFitArena() {}

  static OffsetAssignment place(List<TensorUsage> usages, List<TensorUsage> order) {
    long[] offsets = new long[usages.size()];
    List<TensorUsage> placed = new ArrayList<>();
    long total = 0;
    for (TensorUsage u : order) {
      List<TensorUsage> blocking =
          placed.stream()
              .filter(u::overlaps)
              .sorted(Comparator.comparingLong(p -> offsets[p.id()]))
              .toList();
      long best = -1;
      long bestGap = Long.MAX_VALUE;
      long cursor = 0;
      for (TensorUsage p : blocking) {
        long gap = offsets[p.id()] - cursor;
        if (gap >= u.size() && gap < bestGap) {
          best = cursor;
          bestGap = gap;
        }
        cursor = Math.max(cursor, offsets[p.id()] + p.size());
      }
      offsets[u.id()] = best >= 0 ? best : cursor;
      total = Math.max(total, offsets[u.id()] + u.size());
      placed.add(u);
    }
    List<Long> list = new ArrayList<>();
    for (long o : offsets) {
      list.add(o);
    }
    return new OffsetAssignment(list, total);
  }
}
