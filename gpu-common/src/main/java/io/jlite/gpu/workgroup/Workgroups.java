package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.Grid;

/**
 * The default workgroup heuristic: the {@link WorkgroupTable} row for the device, op kind and grid
 * class, {@linkplain #fit fitted} to the kernel's grid and the device's limits.
 */
public final class Workgroups {
  private Workgroups() {}

  /** The heuristic for a device nothing is known about ({@link GpuDevice#UNKNOWN}). */
  public static WorkgroupChooser defaultChooser() {
    return forDevice(GpuDevice.UNKNOWN);
  }

  /** The heuristic for {@code device}, from the built-in table. */
  public static WorkgroupChooser forDevice(GpuDevice device) {
    return forDevice(device, WorkgroupTable.builtIn());
  }

  /** The heuristic for {@code device}, from {@code table}. */
  public static WorkgroupChooser forDevice(GpuDevice device, WorkgroupTable table) {
    return (kind, kernel) ->
        fit(table.lookup(device, kind, kernel.grid()).workgroup(), kernel.grid(), device);
  }

  /**
   * {@code wanted} made to suit {@code grid} on {@code device}: no axis larger than the grid's
   * power-of-two floor along it (a wider group would only run idle items) or the device's limit,
   * and at most {@code device.maxInvocations()} items in all. Items an axis cannot use because the
   * grid is narrow go to the next axis (x to y, then to z), so that a 2-wide grid still gets full
   * groups; when the device allows fewer items than wanted, z, then y, then x is halved (x last:
   * neighbouring x items read neighbouring memory).
   */
  public static Grid fit(Grid wanted, Grid grid, GpuDevice device) {
    long target = Math.min(pow2Floor(wanted.size()), pow2Floor(device.maxInvocations()));
    int x = min(wanted.x(), pow2Floor(grid.x()), pow2Floor(device.maxX()));
    int y =
        min(
            Math.max(wanted.y(), (int) (target / ((long) x * wanted.z()))),
            pow2Floor(grid.y()),
            pow2Floor(device.maxY()));
    int z =
        min(
            Math.max(wanted.z(), (int) (target / ((long) x * y))),
            pow2Floor(grid.z()),
            pow2Floor(device.maxZ()));
    while ((long) x * y * z > device.maxInvocations()) {
      if (z > 1) {
        z /= 2;
      } else if (y > 1) {
        y /= 2;
      } else {
        x /= 2;
      }
    }
    return new Grid(x, y, z);
  }

  private static int min(int a, int b, int c) {
    return Math.min(a, Math.min(b, c));
  }

  /** The largest power of two ≤ {@code n} (1 for n ≤ 1). */
  static int pow2Floor(long n) {
    return (int) Long.highestOneBit(Math.max(1, Math.min(n, 1 << 30)));
  }
}
