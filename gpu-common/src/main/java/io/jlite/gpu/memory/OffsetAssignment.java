package io.jlite.gpu.memory;

import java.util.List;

/**
 * Tensors placed in one linear arena (one big buffer, as for OpenCL buffers): tensor {@code i}
 * occupies bytes {@code [offsets.get(i), offsets.get(i) + size)}.
 *
 * @param totalSize the arena's size
 */
public record OffsetAssignment(List<Long> offsets, long totalSize) {
  public OffsetAssignment {
    offsets = List.copyOf(offsets);
  }

  /**
   * Checks the placement against the usages: every tensor fits the arena, and tensors alive at the
   * same step do not share a byte.
   *
   * @throws IllegalStateException naming the first violation
   */
  public void check(List<TensorUsage> usages) {
    for (TensorUsage a : usages) {
      long start = offsets.get(a.id());
      if (start < 0 || start + a.size() > totalSize) {
        throw new IllegalStateException(
            "tensor " + a + " at " + start + " leaves the arena of " + totalSize);
      }
      for (TensorUsage b : usages) {
        long other = offsets.get(b.id());
        boolean bytesOverlap = start < other + b.size() && other < start + a.size();
        if (a.id() < b.id() && a.size() > 0 && b.size() > 0 && a.overlaps(b) && bytesOverlap) {
          throw new IllegalStateException("live tensors " + a + " and " + b + " share bytes");
        }
      }
    }
  }
}
