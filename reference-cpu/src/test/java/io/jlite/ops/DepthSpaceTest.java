package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.iota;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.DepthToSpaceOptionsT;
import org.tensorflow.lite.schema.SpaceToDepthOptionsT;

/** DEPTH_TO_SPACE and SPACE_TO_DEPTH. */
class DepthSpaceTest {
  private static Op depthToSpace(int blockSize, DataType type, int... inDims) {
    DepthToSpaceOptionsT o = new DepthToSpaceOptionsT();
    o.setBlockSize(blockSize);
    return makeOp("DEPTH_TO_SPACE", o, input(type, inDims));
  }

  private static Op spaceToDepth(int blockSize, DataType type, int... inDims) {
    SpaceToDepthOptionsT o = new SpaceToDepthOptionsT();
    o.setBlockSize(blockSize);
    return makeOp("SPACE_TO_DEPTH", o, input(type, inDims));
  }

  @Test
  void depthToSpaceSpreadsOnePixel() {
    // [1, 1, 1, 4] = [1, 2, 3, 4] → 2x2 block [[1, 2], [3, 4]]
    Op op = depthToSpace(2, DataType.INT32, 1, 1, 1, 4);
    assertInts(run(op, ints(dims(1, 1, 1, 4), 1, 2, 3, 4)), dims(1, 2, 2, 1), 1, 2, 3, 4);
  }

  @Test
  void depthToSpaceInterleavesNeighbouringPixels() {
    // two pixels p0 = [0, 1, 2, 3], p1 = [4, 5, 6, 7] → [1, 2, 4, 1]:
    // out[y][x] = in[x / 2][(y % 2)·2 + x % 2]: row 0 = p0[0], p0[1], p1[0], p1[1] = 0, 1, 4, 5;
    // row 1 = p0[2], p0[3], p1[2], p1[3] = 2, 3, 6, 7
    Op op = depthToSpace(2, DataType.FLOAT32, 1, 1, 2, 4);
    assertFloats(run(op, iota(1, 1, 2, 4)), dims(1, 2, 4, 1), 0, 1, 4, 5, 2, 3, 6, 7);
  }

  @Test
  void depthToSpaceKeepsChannelGroups() {
    // one pixel of 8 channels, block 2 → 2x2 pixels of 2 channels: pixel (dy, dx) takes channels
    // (dy·2 + dx)·2 + {0, 1}, i.e. the input order
    Op op = depthToSpace(2, DataType.FLOAT32, 1, 1, 1, 8);
    assertFloats(run(op, iota(1, 1, 1, 8)), dims(1, 2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void spaceToDepthGathersABlockIntoOnePixel() {
    // the inverse of the interleaving case: [[0, 1, 4, 5], [2, 3, 6, 7]] → p0 = [0, 1, 2, 3],
    // p1 = [4, 5, 6, 7]
    Op op = spaceToDepth(2, DataType.INT32, 1, 2, 4, 1);
    assertInts(
        run(op, ints(dims(1, 2, 4, 1), 0, 1, 4, 5, 2, 3, 6, 7)),
        dims(1, 1, 2, 4),
        0,
        1,
        2,
        3,
        4,
        5,
        6,
        7);
  }

  @Test
  void spaceToDepthUndoesDepthToSpace() {
    NdArray in = iota(2, 2, 3, 12);
    NdArray spread = run(depthToSpace(2, DataType.FLOAT32, 2, 2, 3, 12), in);
    NdArray back = run(spaceToDepth(2, DataType.FLOAT32, 2, 4, 6, 3), spread);
    assertArrayEquals(in.floats(), back.floats());
  }

  @Test
  void rejectsBadBlocks() {
    assertThrows(ModelFormatException.class, () -> depthToSpace(0, DataType.FLOAT32, 1, 1, 1, 4));
    assertThrows(
        ShapeMismatchException.class,
        () -> run(depthToSpace(2, DataType.FLOAT32, 1, 1, 1, 6), iota(1, 1, 1, 6)));
    assertThrows(
        ShapeMismatchException.class,
        () -> run(spaceToDepth(2, DataType.FLOAT32, 1, 3, 2, 1), iota(1, 3, 2, 1)));
  }
}
