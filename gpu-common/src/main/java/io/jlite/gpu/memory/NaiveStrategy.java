package io.jlite.gpu.memory;

import java.util.ArrayList;
import java.util.List;

/** NAIVE: one object per tensor, nothing shared: the baseline the others are measured against. */
public record NaiveStrategy() implements MemoryStrategy {
  @Override
  public String name() {
    return "NAIVE";
  }

  @Override
  public ObjectAssignment assignObjects(List<TensorUsage> usages) {
    List<Integer> objectOf = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (TensorUsage u : usages) {
      objectOf.add(u.id());
      sizes.add(u.size());
    }
    return new ObjectAssignment(objectOf, sizes);
  }
}
