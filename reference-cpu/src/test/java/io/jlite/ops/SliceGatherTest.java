package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.constInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.intSpec;
import static io.jlite.ops.TensorOpTestSupport.intVector;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.iota;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.GatherOptionsT;

/** SLICE and GATHER. */
class SliceGatherTest {
  @Test
  void sliceTakesABoxWithMinusOneToTheEnd() {
    // 3x4 iota (value 4·r + c), begin [1, 1], size [2, -1] → rows 1..2, columns 1..3
    Op op = makeOp("SLICE", null, input(DataType.FLOAT32, 3, 4), constInts(1, 1), constInts(2, -1));
    assertFloats(run(op, iota(3, 4)), dims(2, 3), 5, 6, 7, 9, 10, 11);
  }

  @Test
  void sliceReadsRunTimeBeginAndSize() {
    Op op = makeOp("SLICE", null, input(DataType.INT32, 4), intSpec(1), intSpec(1));
    assertInts(run(op, ints(dims(4), 7, 8, 9, 10), intVector(2), intVector(2)), dims(2), 9, 10);
  }

  @Test
  void sliceRejectsABoxOutsideTheInput() {
    Op op = makeOp("SLICE", null, input(DataType.FLOAT32, 4), intSpec(1), intSpec(1));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(4), intVector(3), intVector(2)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(4), intVector(-1), intVector(1)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(4), intVector(0), intVector(-2)));
    assertThrows(
        ShapeMismatchException.class, () -> run(op, iota(4), intVector(0, 0), intVector(1, 1)));
  }

  private static Op gather(int axis, DataType type, int... paramDims) {
    GatherOptionsT o = new GatherOptionsT();
    o.setAxis(axis);
    return makeOp("GATHER", o, input(type, paramDims), input(DataType.INT32, 1, 2));
  }

  @Test
  void gatherPicksRows() {
    // params 3x2 [[0, 1], [2, 3], [4, 5]], indices [[2, 0]] → shape [1, 2, 2]: rows 2 and 0
    assertFloats(
        run(gather(0, DataType.FLOAT32, 3, 2), iota(3, 2), ints(dims(1, 2), 2, 0)),
        dims(1, 2, 2),
        4,
        5,
        0,
        1);
  }

  @Test
  void gatherPicksColumnsOfIntegers() {
    // params 2x3 [[0, 1, 2], [3, 4, 5]], axis -1, indices [[2, 0]] → shape [2, 1, 2]
    assertInts(
        run(
            gather(-1, DataType.INT32, 2, 3),
            ints(dims(2, 3), 0, 1, 2, 3, 4, 5),
            ints(dims(1, 2), 2, 0)),
        dims(2, 1, 2),
        2,
        0,
        5,
        3);
  }

  @Test
  void gatherRejectsOutOfRangeIndicesAndBatchDims() {
    Op op = gather(0, DataType.FLOAT32, 3, 2);
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(3, 2), ints(dims(1, 2), 3, 0)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(3, 2), ints(dims(1, 2), -1, 0)));
    GatherOptionsT batched = new GatherOptionsT();
    batched.setBatchDims(1);
    assertThrows(
        UnsupportedOpException.class,
        () ->
            makeOp("GATHER", batched, input(DataType.FLOAT32, 3, 2), input(DataType.INT32, 3, 1)));
  }
}
