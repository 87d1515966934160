package io.jlite.gpu.memory;

import java.util.List;

/**
 * Tensors assigned to shared objects (whole buffers, as for GPU textures): tensor {@code i} uses
 * object {@code objectOf.get(i)}, whose size is {@code objectSizes.get(that)}.
 */
public record ObjectAssignment(List<Integer> objectOf, List<Long> objectSizes) {
  public ObjectAssignment {
    objectOf = List.copyOf(objectOf);
    objectSizes = List.copyOf(objectSizes);
  }

  /** The sum of the object sizes. */
  public long totalSize() {
    return objectSizes.stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Checks the assignment against the usages: every object is as large as each of its tensors, and
   * no two tensors of one object are alive at the same step.
   *
   * @throws IllegalStateException naming the first violation
   */
  public void check(List<TensorUsage> usages) {
    for (TensorUsage a : usages) {
      int o = objectOf.get(a.id());
      if (objectSizes.get(o) < a.size()) {
        throw new IllegalStateException("object " + o + " is smaller than tensor " + a);
      }
      for (TensorUsage b : usages) {
        if (a.id() < b.id() && objectOf.get(b.id()) == o && a.overlaps(b)) {
          throw new IllegalStateException("live tensors " + a + " and " + b + " share object " + o);
        }
      }
    }
  }

  /** The objects laid out one after the other in one arena. */
  public OffsetAssignment toOffsets() {
    long[] start = new long[objectSizes.size()];
    long end = 0;
    for (int o = 0; o < start.length; o++) {
      start[o] = end;
      end += objectSizes.get(o);
    }
    return new OffsetAssignment(objectOf.stream().map(o -> start[o]).toList(), end);
  }
}
