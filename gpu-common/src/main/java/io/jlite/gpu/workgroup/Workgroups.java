package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.Grid;

/** The default workgroup heuristic. */
public final class Workgroups {
  private Workgroups() {}

  /**
   * The default: 8 × 4 × 1 work items (x along the width, where neighbouring items read
   * neighbouring memory), shrunk to the grid along axes smaller than that.
   */
  public static WorkgroupChooser defaultChooser() {
    return k -> {
      Grid g = k.grid();
      return new Grid(Math.min(8, pow2Floor(g.x())), Math.min(4, pow2Floor(g.y())), 1);
    };
  }

  static int pow2Floor(int n) {
    return Integer.highestOneBit(Math.max(1, n));
  }
}
