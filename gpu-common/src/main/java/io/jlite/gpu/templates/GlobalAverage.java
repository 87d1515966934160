package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ops.Activation;
import java.util.List;
import java.util.Optional;

/**
 * The average of each channel over all of H × W (MEAN over axes 1 and 2, or an AVERAGE_POOL_2D
 * whose window is the whole input), as a {@link SplitReduction}: a workgroup sums the positions of
 * one output slice. Output position (b, y, x) is input batch {@code (b·H' + y)·W' + x}, which
 * covers both output shapes {@code [B, 1, 1, C]} and {@code [B, C]} (BHWC view {@code [1, 1, B,
 * C]}).
 */
final class GlobalAverage {
  private GlobalAverage() {}

  /** The kernel, or empty when the reduction is too short to be worth splitting. */
  static Optional<KernelSource> kernel(
      String name, KernelArg src, Phwc4Layout in, TensorArg dst, Activation activation) {
    long positions = (long) in.height() * in.width();
    Optional<Integer> lanes = SplitReduction.lanes(dst.layout(), positions);
    if (lanes.isEmpty()) {
      return Optional.empty();
    }
    Phwc4Layout out = dst.layout();
    String accumulate =
        String.format(
            """
            int ib = (b * %d + y) * %d + x;
            for (int q = r; q < %d; q += %d) {
              acc += $READ(src, ib, q / %d, q %% %d, s);
            }
            """,
            out.height(), out.width(), positions, lanes.get(), in.width(), in.width());
    return Optional.of(
        SplitReduction.kernel(
            name,
            dst,
            lanes.get(),
            accumulate,
            "sum / " + (float) positions,
            List.of(src, dst),
            activation));
  }
}
