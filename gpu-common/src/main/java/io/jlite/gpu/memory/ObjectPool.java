package io.jlite.gpu.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Objects being handed out to tensors, with the tensors each holds: the bookkeeping the object
 * strategies share.
 */
final class ObjectPool {
  private final List<Long> sizes = new ArrayList<>();
  private final List<List<TensorUsage>> holders = new ArrayList<>();
  private final int[] objectOf;

  ObjectPool(int tensors) {
    objectOf = new int[tensors];
    Arrays.fill(objectOf, -1);
  }

  int count() {
    return sizes.size();
  }

  long size(int object) {
    return sizes.get(object);
  }

  boolean assigned(TensorUsage u) {
    return objectOf[u.id()] >= 0;
  }

  /** Whether no tensor of the object is alive while {@code u} is. */
  boolean freeDuring(int object, TensorUsage u) {
    return holders.get(object).stream().noneMatch(u::overlaps);
  }

  /** Puts {@code u} into {@code object}, growing it if needed. */
  void assign(TensorUsage u, int object) {
    objectOf[u.id()] = object;
    holders.get(object).add(u);
    sizes.set(object, Math.max(sizes.get(object), u.size()));
  }

  /** Puts {@code u} into a new object of its size. */
  void assignNew(TensorUsage u) {
    sizes.add(u.size());
    holders.add(new ArrayList<>());
    assign(u, sizes.size() - 1);
  }

  /**
   * The best object free while {@code u} is alive: the smallest one at least as large as {@code u},
   * else the largest smaller one (it will grow); -1 if none is free.
   */
  int bestFree(TensorUsage u) {
    int best = -1;
    for (int o = 0; o < count(); o++) {
      if (!freeDuring(o, u)) {
        continue;
      }
      if (best < 0) {
        best = o;
        continue;
      }
      long s = size(o);
      long b = size(best);
      boolean fits = s >= u.size();
      boolean bestFits = b >= u.size();
      if ((fits && (!bestFits || s < b)) || (!fits && !bestFits && s > b)) {
        best = o;
      }
    }
    return best;
  }

  ObjectAssignment result() {
    List<Integer> of = new ArrayList<>();
    for (int o : objectOf) {
      of.add(o);
    }
    return new ObjectAssignment(of, sizes);
  }
}
