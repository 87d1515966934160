package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;

/**
 * Picks the workgroup (local) size of a kernel: {@link Workgroups#forDevice} (the table and
 * heuristic) or a {@link WorkgroupTuner} (measured on the device).
 */
@FunctionalInterface
public interface WorkgroupChooser {
  /**
   * The workgroup size for {@code kernel}; each axis ≥ 1.
   *
   * @param kind the kind of the kernel's (main) op, see {@link OpKind#of}
   */
  Grid choose(OpKind kind, KernelSource kernel);
}
