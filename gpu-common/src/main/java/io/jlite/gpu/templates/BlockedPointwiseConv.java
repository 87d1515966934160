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
 */
final class BlockedPointwiseConv {
  /**
   * Outputs per workgroup: P·S accumulators per item. Measured on the H200 (device time of all 116
   * CONV_2D kernels of pose_landmark_heavy, 59 of them in this form, one run): 4 positions × 2
   * slices 1768 µs, 8 × 1 1733, 4 × 1 1852, 2 × 2 1977, 2 × 4 2208, 1 × 4 2443, the unblocked split
   * form 2392. 4 × 2 keeps to 8 accumulators, which mobile GPUs hold in registers too.
   */
  static final int BLOCK_OUTPUTS = 8;

  /** Most positions per block (more leave too few workgroups at 16×16 and below). */
  static final int MAX_POSITIONS = 4;

  private BlockedPointwiseConv() {}

  /** The block (positions, slices) for output layout {@code out}. */
  static int[] block(Phwc4Layout out) {
    int positions = (int) Math.min(MAX_POSITIONS, (long) out.height() * out.width());
    int slices = Math.min(out.slices(), Math.max(1, BLOCK_OUTPUTS / positions));
    return new int[] {positions, slices};
  }

  /**
   * The kernel for {@code dst} from input {@code in} (strides {@code strideH, strideW}, no padding)
   * with {@code lanes} items per group; {@code args} as {@link Conv2DTemplate} lists them.
   */
  static KernelSource kernel(
      String name,
      TensorArg dst,
      Phwc4Layout in,
      int strideH,
      int strideW,
      int lanes,
      List<KernelArg> args,
      Activation activation) {
    Phwc4Layout out = dst.layout();
    int[] block = block(out);
    int bp = block[0];
    int bs = block[1];
    int outputs = bp * bs;
    int positions = out.height() * out.width();
    int positionBlocks = (positions + bp - 1) / bp;
    int sliceBlocks = (out.slices() + bs - 1) / bs;
    int inPadded = in.slices() * 4;
    StringBuilder k = new StringBuilder();
    k.append("int r = $LID(0);\n")
        .append("int pblock = $GID(1);\n")
        .append("int z = $GID(2);\n")
        .append("int b = z / ")
        .append(sliceBlocks)
        .append(";\nint sblock = z % ")
        .append(sliceBlocks)
        .append(";\n$SHARED(partial, ")
        .append(lanes * outputs)
        .append(");\n");
    for (int j = 0; j < bp; j++) {
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
    k.append("for (int is = r; is < ").append(in.slices()).append("; is += ").append(lanes);
    k.append(") {\n");
    for (int j = 0; j < bp; j++) {
      k.append(String.format("  vec4 v%1$d = $READ(src, b, iy%1$d, ix%1$d, is);%n", j));
    }
    for (int c = 0; c < bs; c++) {
      k.append("  int w").append(c).append(" = wb").append(c).append(" + 4 * is;\n");
      for (int j = 0; j < bp; j++) {
        k.append(ConvWeights.accumulate("  acc" + (j * bs + c), "v" + j, "w" + c));
      }
    }
    k.append("}\n");
    for (int o = 0; o < outputs; o++) {
      k.append("partial[r * ").append(outputs).append(" + ").append(o);
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
                  sum += partial[l * %1$d + o];
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
            name, List.of(), k.toString(), args, grid, "", Optional.of(new Grid(lanes, 1, 1)));
    return TemplateSupport.withActivation(source, activation);
  }
}
