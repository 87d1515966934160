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
 * The {@link SplitReduction} form of an unpadded 1×1 convolution, blocked: each workgroup computes
 * a block of {@code positions × slices} outputs instead of one. At low resolution and many channels
 * a 1×1 convolution is a small matrix product whose weights (up to megabytes) outweigh its input;
 * with one output per workgroup every output position re-reads all weights from the cache (on an
 * H200, pose_landmark_heavy's 16×16×960→160 convolution moved 157 MB for 79 MFLOP and took 43 µs;
 * blocked, 20 µs). A block of P positions and S slices reads each weight once for P outputs and
 * each input once for S outputs.
 *
 * <p>The {@code lanes} items of a group split the input slices as in {@link SplitReduction}; each
 * keeps P·S accumulators, stores them in shared memory, and after one barrier item {@code o} adds
 * the lanes' partial sums of output {@code o} of the block and writes it. Positions and slices past
 * the end of the tensor are read clamped (in bounds) and not written.
 *
 * <p>The {@link #staged} form computes its input instead of reading it (a fused depthwise
 * convolution, {@link DepthwisePointwiseTemplate}): a workgroup holds the lanes of up to {@link
 * #SUB_BLOCK_ITEMS}{@code / lanes} slice blocks of the same positions side by side (workgroup
 * {@code (lanes, 1, blocks)}), whose items together first compute every input slice of those
 * positions into shared memory; each block then sums from there. Computed per item where it is
 * read, each input value would be computed once per slice block and by fewer items: on the H200
 * that made every low-resolution pair of pose_landmark_heavy slower than its two kernels (the
 * 288-channel ones about 26 µs against 20; staged, 13).
 */
final class BlockedPointwiseConv {
  /**
   * Outputs per workgroup: P·S accumulators per item. Measured on the H200 (device time of all 116
   * CONV_2D kernels of pose_landmark_heavy, 59 of them in this form, one run): 4 positions × 2
   * slices 1768 µs, 8 × 1 1733, 4 × 1 1852, 2 × 2 1977, 2 × 4 2208, 1 × 4 2443, the unblocked split
   * form 2392. 4 × 2 keeps to 8 accumulators, which mobile GPUs hold in registers too.
   */
  static final int BLOCK_OUTPUTS = 8;

  /**
   * Most lanes of a plain kernel, taken by reductions of at least 256 input slices (the other split
   * forms keep to {@link SplitReduction#MAX_LANES}, a warp). On the H100 (in the stream, {@code
   * KernelStreamStudy --cold --l2-prefetch}) 64 lanes instead of 32 made pose_landmark_heavy's nine
   * 8×8 1×1 convolutions 1632 → 272 (408 input slices: 6–7 per lane instead of 12–13) take
   * 15.1–15.5 µs each instead of 18.8–19.2, and the sum of its 140 kernels 1440 µs against
   * 1483–1508 in three other processes; end to end, interleaved on a busy host, 1.679 / 1.686,
   * 1.698 / 1.715 and 1.839 / 1.777 ms (64 / 32 lanes). Larger blocks went the other way: 8
   * positions × 2 slices at 8×8 took 31 µs, so these kernels wait on latency, not on the cache.
   */
  static final int MAX_LANES = 64;

  /** Most positions per block (more leave too few workgroups at 16×16 and below). */
  static final int MAX_POSITIONS = 4;

  /** Items of a staged kernel's workgroup at most: all that OpenGL ES 3.1 guarantees. */
  static final int SUB_BLOCK_ITEMS = TemplateSupport.WORKGROUP_ITEMS;

  /**
   * Output positions at most for which a staged kernel takes {@link SplitReduction#MAX_LANES} lanes
   * ({@link #stagedLanes}). At 4×4 and 2×2 a block covers most or all positions, so a kernel has
   * only as many workgroups as it has groups of slice blocks: pose_landmark_heavy's 288-channel
   * pairs had 20 and 5 workgroups on the H200's 132 multiprocessors. With 32 lanes each workgroup
   * holds 4 slice blocks instead of 8 (16 lanes), the same 128 items, and nearly twice as many
   * workgroups (36 and 9) share the weight reads: heavy 1.638 / 1.642 ms against 1.684 / 1.692
   * (interleaved, two processes); 64 lanes gave the same (1.647 / 1.629); pose_landmark_lite (8
   * lanes before) ran the same within noise, and the models with no such pairs did not change.
   */
  static final int FEW_POSITIONS = 16;

  private BlockedPointwiseConv() {}

  /** The block (positions, slices) for output layout {@code out}. */
  static int[] block(Phwc4Layout out) {
    int positions = (int) Math.min(MAX_POSITIONS, (long) out.height() * out.width());
    int slices = Math.min(out.slices(), Math.max(1, BLOCK_OUTPUTS / positions));
    return new int[] {positions, slices};
  }

  /**
   * Whether {@code in}'s slices for one block of positions fit the shared stage of a staged kernel
   * writing {@code out}.
   */
  static boolean stageFits(Phwc4Layout out, Phwc4Layout in) {
    return (long) block(out)[0] * in.slices() <= TemplateSupport.SHARED_VEC4S;
  }

  /**
   * How many input values each item of a staged kernel writing {@code out} from {@code in} with
   * {@code lanes} lanes computes into the stage, one after the other.
   */
  static long stagedPerItem(Phwc4Layout out, Phwc4Layout in, int lanes) {
    long values = (long) block(out)[0] * in.slices();
    int staged = stagedLanes(out, lanes);
    long items = (long) staged * subBlocks(out, staged);
    return (values + items - 1) / items;
  }

  /**
   * The lanes of a staged kernel writing {@code out} where a plain split would take {@code lanes}:
   * {@link SplitReduction#MAX_LANES} at {@link #FEW_POSITIONS} or fewer output positions.
   */
  static int stagedLanes(Phwc4Layout out, int lanes) {
    boolean few = (long) out.height() * out.width() <= FEW_POSITIONS;
    return few ? Math.max(lanes, SplitReduction.MAX_LANES) : lanes;
  }

  private static int subBlocks(Phwc4Layout out, int lanes) {
    int sliceBlocks = (out.slices() + block(out)[1] - 1) / block(out)[1];
    return Math.max(1, Math.min(sliceBlocks, SUB_BLOCK_ITEMS / lanes));
  }

  /**
   * The kernel with its input computed, not read ({@code in} describes that input; strides 1): the
   * items of a workgroup first compute the input of their block's positions, every slice, into
   * shared memory, once for several slice blocks (a workgroup holds up to {@link #SUB_BLOCK_ITEMS}
   * items: the lanes of each block side by side), then each block sums from there. {@code lanes} is
   * the plain split's; at few positions the kernel takes more ({@link #stagedLanes}).
   */
  static KernelSource staged(
      String name,
      TensorArg dst,
      Phwc4Layout in,
      int lanes,
      List<KernelArg> args,
      Activation activation,
      ComputedInput input) {
    if (!stageFits(dst.layout(), in)) {
      throw new IllegalArgumentException(
          "kernel '" + name + "': " + in.slices() + " input slices do not fit the shared stage");
    }
    int staged = stagedLanes(dst.layout(), lanes);
    return kernel(name, dst, in, 1, 1, staged, args, activation, input, true);
  }

  /**
   * The kernel for {@code dst} from input {@code in} (strides {@code strideH, strideW}, no padding)
   * with {@code lanes} items per group; {@code args} as {@link Conv2DTemplate} lists them; each
   * input value got as {@code input} says ({@link ComputedInput#READ}: read from {@code src}) where
   * the sum needs it, or, when {@code staged} (through {@link #staged}, which checks that the stage
   * fits), computed into shared memory first.
   */
  static KernelSource kernel(
      String name,
      TensorArg dst,
      Phwc4Layout in,
      int strideH,
      int strideW,
      int lanes,
      List<KernelArg> args,
      Activation activation,
      ComputedInput input,
      boolean staged) {
    Phwc4Layout out = dst.layout();
    int[] block = block(out);
    int bp = block[0];
    int bs = block[1];
    int outputs = bp * bs;
    int positions = out.height() * out.width();
    int positionBlocks = (positions + bp - 1) / bp;
    int subBlocks = staged ? subBlocks(out, lanes) : 1;
    // Slice blocks rounded up to whole workgroups; the extra ones compute clamped and write
    // nothing.
    int sliceBlocks = ((out.slices() + bs - 1) / bs + subBlocks - 1) / subBlocks * subBlocks;
    int n = in.slices();
    int inPadded = n * 4;
    int partials = lanes * outputs * subBlocks;
    int stage = staged ? bp * n : 0;
    StringBuilder k = new StringBuilder();
    k.append(
        String.format(
            """
            int r = $LID(0);
            int pblock = $GID(1);
            int z = $GID(2);
            int b = z / %1$d;
            int sblock = z %% %1$d;
            int part = $LID(2) * %2$d;
            $SHARED(partial, %3$d);
            """,
            sliceBlocks, lanes * outputs, Math.max(partials, stage)));
    for (int j = 0; !staged && j < bp; j++) {
      k.append(
          String.format(
              """
              int p%1$d = pblock * %2$d + %1$d;
              if (p%1$d > %3$d) { p%1$d = %3$d; }
              int iy%1$d = (p%1$d / %4$d) * %5$d;
              int ix%1$d = (p%1$d %% %4$d) * %6$d;
              """,
              j, bp, positions - 1, out.width(), strideH, strideW));
    }
    if (staged) {
      // The shared array holds the stage first (every slice of the block's positions), then
      // the partial sums.
      k.append(
          String.format(
              """
              for (int e = $LID(2) * %1$d + r; e < %2$d; e += %3$d) {
                int is = e %% %4$d;
                int p = min(pblock * %5$d + e / %4$d, %6$d);
                int iy = p / %7$d;
                int ix = p %% %7$d;
                vec4 v = vec4(0.0);
              %8$s  partial[e] = v;
              }
              $BARRIER();
              """,
              lanes,
              stage,
              lanes * subBlocks,
              n,
              bp,
              positions - 1,
              out.width(),
              input.statements().strip().indent(2)));
    }
    for (int c = 0; c < bs; c++) {
      k.append(
          String.format(
              """
              int s%1$d = sblock * %2$d + %1$d;
              if (s%1$d > %3$d) { s%1$d = %3$d; }
              int wb%1$d = s%1$d * %4$d;
              """,
              c, bs, out.slices() - 1, inPadded));
    }
    for (int o = 0; o < outputs; o++) {
      k.append("vec4 acc").append(o).append(" = vec4(0.0);\n");
    }
    k.append("for (int is = r; is < ").append(n).append("; is += ").append(lanes);
    k.append(") {\n");
    for (int j = 0; j < bp; j++) {
      if (staged || input.equals(ComputedInput.READ)) {
        String read =
            staged
                ? "partial[" + j * n + " + is]"
                : String.format("$READ(src, b, iy%1$d, ix%1$d, is)", j);
        k.append("  vec4 v").append(j).append(" = ").append(read).append(";\n");
      } else {
        k.append(
            String.format(
                """
                  vec4 v%1$d = vec4(0.0);
                  {
                    int iy = iy%1$d;
                    int ix = ix%1$d;
                    vec4 v = vec4(0.0);
                %2$s    v%1$d = v;
                  }
                """,
                j, input.statements().strip().indent(4)));
      }
    }
    for (int c = 0; c < bs; c++) {
      k.append("  int w").append(c).append(" = wb").append(c).append(" + 4 * is;\n");
      for (int j = 0; j < bp; j++) {
        k.append(ConvWeights.accumulate("  acc" + (j * bs + c), "v" + j, "w" + c));
      }
    }
    k.append("}\n");
    if (staged) {
      k.append("$BARRIER();\n");
    }
    for (int o = 0; o < outputs; o++) {
      k.append("partial[part + r * ").append(outputs).append(" + ").append(o);
      k.append("] = acc").append(o).append(";\n");
    }
    k.append("$BARRIER();\n");
    k.append(
        String.format(
            """
            for (int o = r; o < %1$d; o += %2$d) {
              int p = pblock * %3$d + o / %4$d;
              int s = sblock * %4$d + o %% %4$d;
              if (p < %5$d && s < %6$d) {
                vec4 sum = vec4(0.0);
                for (int l = 0; l < %2$d; l++) {
                  sum += partial[part + l * %1$d + o];
                }
                int y = p / %7$d;
                int x = p %% %7$d;
                $WRITE(dst, b, y, x, s, sum + $CONST(bias, s));
              }
            }
            """,
            outputs, lanes, bp, bs, positions, out.slices(), out.width()));
    Grid grid = new Grid(lanes, positionBlocks, out.batch() * sliceBlocks);
    KernelSource source =
        new KernelSource(
            name,
            input.functions(),
            k.toString(),
            args,
            grid,
            "",
            Optional.of(new Grid(lanes, 1, subBlocks)));
    return TemplateSupport.withActivation(source, activation);
  }
}
