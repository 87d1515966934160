package io.jlite.gpu.kernel;

/**
 * The number of work items a kernel runs along x, y and z. Kernels guard against items past the
 * grid, so a backend may round the grid up to a multiple of the workgroup size.
 */
public record Grid(int x, int y, int z) {
  public Grid {
    if (x < 1 || y < 1 || z < 1) {
      throw new IllegalArgumentException("grid " + x + "x" + y + "x" + z + " has an empty axis");
    }
  }

  /** The number of work items. */
  public long size() {
    return (long) x * y * z;
  }
}
