package io.jlite.gpu.memory;

import java.util.Comparator;
import java.util.List;

/**
 * EQUALITY: a tensor reuses a free object only of exactly its size (in order of first use); cheap,
 * and exact for networks whose intermediate tensors repeat a few shapes.
 */
public record EqualityStrategy() implements MemoryStrategy {
  @Override
  public String name() {
    return "EQUALITY";
  }

  @Override
  public ObjectAssignment assignObjects(List<TensorUsage> usages) {
    ObjectPool pool = new ObjectPool(usages.size());
    for (TensorUsage u :
        usages.stream().sorted(Comparator.comparingInt(TensorUsage::first)).toList()) {
      int match = -1;
      for (int o = 0; o < pool.count() && match < 0; o++) {
        if (pool.size(o) == u.size() && pool.freeDuring(o, u)) {
          match = o;
        }
      }
      if (match >= 0) {
        pool.assign(u, match);
      } else {
        pool.assignNew(u);
      }
    }
    return pool.result();
  }
}
