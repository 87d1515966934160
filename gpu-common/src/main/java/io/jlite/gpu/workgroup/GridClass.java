package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.Grid;

/**
 * How many work items a kernel has, in three classes the workgroup table can key on: small grids
 * want small groups (enough groups to fill the GPU's cores), large ones can afford wide groups.
 */
public enum GridClass {
  /** Fewer than 4096 work items (e.g. the 8×8 and smaller tails of a mobile network). */
  SMALL,
  /** 4096 to 65535 work items. */
  MEDIUM,
  /** 65536 work items or more (the H100 study's kernels had 131072). */
  LARGE;

  static final long MEDIUM_FROM = 4096;
  static final long LARGE_FROM = 65536;

  /** The class of {@code grid}. */
  public static GridClass of(Grid grid) {
    long items = grid.size();
    return items < MEDIUM_FROM ? SMALL : items < LARGE_FROM ? MEDIUM : LARGE;
  }
}
