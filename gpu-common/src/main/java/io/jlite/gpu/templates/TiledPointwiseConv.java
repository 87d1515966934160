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
 * An unpadded 1×1 convolution with many outputs as a tiled matrix product: each workgroup computes
 * a tile of output positions × output slices, walking the input slices in chunks; per chunk its
 * items copy the chunk's inputs of the tile's positions and the matching weights into shared memory
 * (neighbouring items read neighbouring addresses), wait at a barrier, and each item adds the chunk
 * to its outputs: {@link #POSITIONS_PER_ITEM} positions of one slice, so every weight vec4 read
 * from shared memory serves several positions and every input vec4 several slices.
 *
 * <p>One output slice per item, reading each input slice and four weight vec4s from global memory
 * per step, left these convolutions latency-bound on an H200 (pose_landmark_heavy's 16×16×160→960
 * took 24 µs, its 64×64×192→32 23 µs; tiled, 19 µs each). Items of one tile share the slice index
 * {@code t % tileSlices} and the position group {@code t / tileSlices}.
 */
final class TiledPointwiseConv {
  /** Items per workgroup at most: all that OpenGL ES 3.1 guarantees for a compute workgroup. */
  private static final int MAX_ITEMS = TemplateSupport.WORKGROUP_ITEMS;

  /** Output slices per tile at most. */
  static final int MAX_TILE_SLICES = 16;

  /** Positions per item at most (one accumulator each). */
  static final int POSITIONS_PER_ITEM = 4;

  /** Input slices per chunk at most. */
  static final int MAX_CHUNK = 8;

  /**
   * Workgroups below which an item takes fewer positions, so that more, smaller tiles fill the GPU
   * (the H200 has 132 multiprocessors; measured: 264 was within noise of 132).
   */
  static final int FEW_GROUPS = 132;

  private TiledPointwiseConv() {}

  /** The tile shape for output {@code out} from {@code inSlices} input slices. */
  record Tile(int slices, int groups, int positionsPerItem, int chunk) {
    int items() {
      return slices * groups;
    }

    int positions() {
      return groups * positionsPerItem;
    }

    /** vec4s per weight row of the shared weight tile: one spare, so rows start on other banks. */
    int weightStride() {
      return slices + 1;
    }

    /** Workgroups of the kernel for {@code out}. */
    long workgroups(Phwc4Layout out) {
      long positionTiles = ((long) out.height() * out.width() + positions() - 1) / positions();
      long sliceTiles = ((long) out.slices() + slices - 1) / slices;
      return out.batch() * positionTiles * sliceTiles;
    }

    /** Chunks the kernel walks for {@code inSlices} input slices, one after the other. */
    int chunks(int inSlices) {
      return (inSlices + chunk - 1) / chunk;
    }

    static Tile of(Phwc4Layout out, int inSlices) {
      int sliceTiles = (out.slices() + MAX_TILE_SLICES - 1) / MAX_TILE_SLICES;
      int slices = (out.slices() + sliceTiles - 1) / sliceTiles;
      int groups = MAX_ITEMS / slices;
      long positions = (long) out.batch() * out.height() * out.width();
      int perItem = POSITIONS_PER_ITEM;
      while (perItem > 1
          && ((positions + (long) groups * perItem - 1) / ((long) groups * perItem)) * sliceTiles
              < FEW_GROUPS) {
        perItem /= 2;
      }
      int tilePositions = groups * perItem;
      int chunk =
          Math.max(
              1,
              Math.min(
                  Math.min(MAX_CHUNK, inSlices),
                  TemplateSupport.SHARED_VEC4S / (tilePositions + 4 * (slices + 1))));
      return new Tile(slices, groups, perItem, chunk);
    }
  }

  /**
   * The kernel for {@code dst} from input {@code in} (strides {@code strideH, strideW}, no
   * padding); {@code args} as {@link Conv2DTemplate} lists them (weights packed by {@link
   * ConvWeights}); each input value as {@code input} gets it ({@code in} describes that input).
   */
  static KernelSource kernel(
      String name,
      TensorArg dst,
      Phwc4Layout in,
      int strideH,
      int strideW,
      List<KernelArg> args,
      Activation activation,
      ComputedInput input) {
    Phwc4Layout out = dst.layout();
    Tile tile = Tile.of(out, in.slices());
    int positions = out.height() * out.width();
    int positionTiles = (positions + tile.positions() - 1) / tile.positions();
    int sliceTiles = (out.slices() + tile.slices() - 1) / tile.slices();
    int k = tile.chunk();
    int ws = tile.weightStride();
    int inPadded = in.slices() * 4;
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            """
            int t = $LID(0);
            int p0 = $GID(1) * %1$d;
            int z = $GID(2);
            int b = z / %2$d;
            int s0 = (z %% %2$d) * %3$d;
            int c = t %% %3$d;
            int g = t / %3$d;
            $SHARED(xin, %4$d);
            $SHARED(wt, %5$d);
            """,
            tile.positions(), sliceTiles, tile.slices(), tile.positions() * k, 4 * k * ws));
    for (int j = 0; j < tile.positionsPerItem(); j++) {
      b.append("vec4 acc").append(j).append(" = vec4(0.0);\n");
    }
    b.append(
        String.format(
            """
            for (int k0 = 0; k0 < %1$d; k0 += %2$d) {
              for (int e = t; e < %3$d; e += %4$d) {
                int p = min(p0 + e / %2$d, %5$d);
                int is = k0 + e %% %2$d;
                vec4 v = vec4(0.0);
                if (is < %1$d) {
                  int iy = (p / %6$d) * %7$d;
                  int ix = (p %% %6$d) * %8$d;
            %14$s      }
                xin[e] = v;
              }
              for (int e = t; e < %9$d; e += %4$d) {
                int cc = e / %10$d;
                int kl = e %% %10$d;
                int ic = 4 * k0 + kl;
                vec4 w = vec4(0.0);
                if (ic < %11$d) {
                  w = $CONST(weights, min(s0 + cc, %12$d) * %11$d + ic);
                }
                wt[kl * %13$d + cc] = w;
              }
              $BARRIER();
              for (int k = 0; k < %2$d; k++) {
                vec4 w0 = wt[(4 * k) * %13$d + c];
                vec4 w1 = wt[(4 * k + 1) * %13$d + c];
                vec4 w2 = wt[(4 * k + 2) * %13$d + c];
                vec4 w3 = wt[(4 * k + 3) * %13$d + c];
            """,
            in.slices(),
            k,
            tile.positions() * k,
            tile.items(),
            positions - 1,
            out.width(),
            strideH,
            strideW,
            tile.slices() * 4 * k,
            4 * k,
            inPadded,
            out.slices() - 1,
            ws,
            input.statements().strip().indent(8)));
    for (int j = 0; j < tile.positionsPerItem(); j++) {
      b.append(
          String.format(
              """
                  vec4 v%1$d = xin[(g * %2$d + %1$d) * %3$d + k];
                  acc%1$d += v%1$d.x * w0 + v%1$d.y * w1 + v%1$d.z * w2 + v%1$d.w * w3;
              """,
              j, tile.positionsPerItem(), k));
    }
    b.append("  }\n  $BARRIER();\n}\n");
    b.append(
        String.format(
            """
            for (int j = 0; j < %1$d; j++) {
              int p = p0 + g * %1$d + j;
              int s = s0 + c;
              vec4 r = acc0;
            """,
            tile.positionsPerItem()));
    for (int j = 1; j < tile.positionsPerItem(); j++) {
      b.append("  if (j == ").append(j).append(") { r = acc").append(j).append("; }\n");
    }
    b.append(
        String.format(
            """
              if (p < %1$d && s < %2$d) {
                int y = p / %3$d;
                int x = p %% %3$d;
                $WRITE(dst, b, y, x, s, r + $CONST(bias, s));
              }
            }
            """,
            positions, out.slices(), out.width()));
    Grid grid = new Grid(tile.items(), positionTiles, out.batch() * sliceTiles);
    KernelSource source =
        new KernelSource(
            name,
            input.functions(),
            b.toString(),
            args,
            grid,
            "",
            Optional.of(new Grid(tile.items(), 1, 1)));
    return TemplateSupport.withActivation(source, activation);
  }
}
