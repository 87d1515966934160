package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ops.Activation;
import java.util.List;
import java.util.Optional;

/**
 * The shape of a kernel whose long reduction is shared by a workgroup: when an op has few output
 * slices but each sums many terms (a 1×1 convolution or a fully connected layer at low resolution,
 * a global average), one work item per output slice leaves most of the GPU idle while each item
 * walks a long serial loop. Here the {@code lanes} items of a workgroup take every {@code lanes}-th
 * term of one output slice, add their partial sums in shared memory (a tree of halvings), and item
 * 0 writes the slice. The grid is (lanes, output positions, batch · slices), the workgroup (lanes,
 * 1, 1).
 */
final class SplitReduction {
  /** Most items that share one output slice (a warp on NVIDIA; any GPU allows 64 per group). */
  static final int MAX_LANES = 32;

  /**
   * Terms each item should at least sum; a split starts at 8 lanes (shorter reductions are cheaper
   * in one item than through shared memory and barriers).
   */
  static final int MIN_TERMS_PER_LANE = 4;

  /** Output slices below which the one-item-per-slice kernel cannot fill a desktop GPU. */
  static final long FEW_ITEMS = 32768;

  private SplitReduction() {}

  /**
   * How many items should share each output slice of {@code out} for a reduction of {@code terms}
   * steps; empty when one item per slice is the better kernel.
   */
  static Optional<Integer> lanes(Phwc4Layout out, long terms) {
    return lanes(out, terms, MAX_LANES);
  }

  /** The same with at most {@code maxLanes} lanes (a power of two, at most 64). */
  static Optional<Integer> lanes(Phwc4Layout out, long terms, int maxLanes) {
    long items = out.vec4Count();
    if (items >= FEW_ITEMS || terms < 8L * MIN_TERMS_PER_LANE) {
      return Optional.empty();
    }
    long lanes = Math.min(maxLanes, Long.highestOneBit(terms / MIN_TERMS_PER_LANE));
    return Optional.of((int) lanes);
  }

  /**
   * The kernel: each item defines {@code r} (its lane), {@code b, y, x, s} (its output slice) and
   * {@code vec4 acc = 0}, runs {@code accumulate} (which adds the terms {@code r, r + lanes, ...}
   * to {@code acc}), and item 0 writes {@code finish} (an expression of {@code sum}, the total).
   */
  static KernelSource kernel(
      String name,
      TensorArg dst,
      int lanes,
      String accumulate,
      String finish,
      List<KernelArg> args,
      Activation activation) {
    Phwc4Layout l = dst.layout();
    StringBuilder body = new StringBuilder();
    body.append("int r = $LID(0);\n")
        .append("int p = $GID(1);\n")
        .append("int z = $GID(2);\n")
        .append("int x = p % ")
        .append(l.width())
        .append(";\nint y = p / ")
        .append(l.width())
        .append(";\nint b = z / ")
        .append(l.slices())
        .append(";\nint s = z % ")
        .append(l.slices())
        .append(";\n")
        .append("$SHARED(partial, ")
        .append(lanes)
        .append(");\n")
        .append("vec4 acc = vec4(0.0);\n")
        .append(accumulate.strip())
        .append("\npartial[r] = acc;\n$BARRIER();\n");
    for (int half = lanes / 2; half > 0; half /= 2) {
      body.append("if (r < ")
          .append(half)
          .append(") { partial[r] += partial[r + ")
          .append(half)
          .append("]; }\n$BARRIER();\n");
    }
    body.append("if (r == 0) {\n")
        .append("  vec4 sum = partial[0];\n")
        .append("  $WRITE(dst, b, y, x, s, ")
        .append(finish)
        .append(");\n}\n");
    Grid grid = new Grid(lanes, l.height() * l.width(), l.batch() * l.slices());
    KernelSource k =
        new KernelSource(
            name, List.of(), body.toString(), args, grid, "", Optional.of(new Grid(lanes, 1, 1)));
    return TemplateSupport.withActivation(k, activation);
  }
}
