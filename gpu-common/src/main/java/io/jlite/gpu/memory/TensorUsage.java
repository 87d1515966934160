package io.jlite.gpu.memory;

/**
 * The lifetime of one tensor, the record every memory strategy works on (TFLite GPU's
 * "TensorUsageRecord"): it occupies {@code size} bytes from step {@code first} to step {@code
 * last}, both inclusive.
 *
 * @param id the tensor's position in the usage list (the index an assignment reports on)
 * @param tensor the graph tensor index, for reports
 * @param size bytes
 */
public record TensorUsage(int id, int tensor, long size, int first, int last) {
  public TensorUsage {
    if (size < 0 || first < 0 || last < first) {
      throw new IllegalArgumentException(
          "tensor usage size " + size + " steps " + first + ".." + last + " is not a lifetime");
    }
  }

  /** Whether the two lifetimes share a step (then the tensors cannot share memory). */
  public boolean overlaps(TensorUsage other) {
    return first <= other.last && other.first <= last;
  }
}
