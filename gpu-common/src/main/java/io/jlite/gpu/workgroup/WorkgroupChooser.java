package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;

/** Picks the workgroup (local) size of a kernel. */
@FunctionalInterface
public interface WorkgroupChooser {
  /** The workgroup size for {@code kernel}; each axis ≥ 1. */
  Grid choose(KernelSource kernel);
}
