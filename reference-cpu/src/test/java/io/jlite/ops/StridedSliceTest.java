package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.constInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.intVector;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.iota;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.StridedSliceOptionsT;

class StridedSliceTest {
  private static final NdArray TEN = iota(10); // 0..9

  // rows r, columns c: value 10·r + c
  private static final NdArray GRID = ints(dims(3, 4), 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23);

  private static StridedSliceOptionsT options(int beginMask, int endMask, int shrinkMask) {
    StridedSliceOptionsT o = new StridedSliceOptionsT();
    o.setBeginMask(beginMask);
    o.setEndMask(endMask);
    o.setShrinkAxisMask(shrinkMask);
    return o;
  }

  private static Op slice(
      StridedSliceOptionsT o, int[] inDims, int[] begin, int[] end, int[] strides) {
    return makeOp(
        "STRIDED_SLICE",
        o,
        input(DataType.FLOAT32, inDims),
        constInts(begin),
        constInts(end),
        constInts(strides));
  }

  private static Op slice1d(StridedSliceOptionsT o, int begin, int end, int stride) {
    return slice(o, dims(10), dims(begin), dims(end), dims(stride));
  }

  @Test
  void stepsForward() {
    // 1, 1+3, 1+6 (< 8); count = ceil((8-1)/3) = 3
    assertFloats(run(slice1d(options(0, 0, 0), 1, 8, 3), TEN), dims(3), 1, 4, 7);
  }

  @Test
  void stepsBackwardWithANegativeStride() {
    // 8, 5, 2 (> 1); count = ceil((1-8)/-3) = ceil(2.33) = 3
    assertFloats(run(slice1d(options(0, 0, 0), 8, 1, -3), TEN), dims(3), 8, 5, 2);
  }

  @Test
  void resolvesNegativeIndices() {
    // begin -2 → 8, end -9 → 1, stride -2: 8, 6, 4, 2
    assertFloats(run(slice1d(options(0, 0, 0), -2, -9, -2), TEN), dims(4), 8, 6, 4, 2);
  }

  @Test
  void endMaskRunsToTheFirstElementWhenGoingBackward() {
    // end ignored → stop -1 (one before element 0): 8, 6, 4, 2, 0
    assertFloats(run(slice1d(options(0, 1, 0), -2, 0, -2), TEN), dims(5), 8, 6, 4, 2, 0);
  }

  @Test
  void beginMaskStartsAtTheLastElementWhenGoingBackward() {
    // begin ignored → 9; 9, 8, 7, 6 (> 5)
    assertFloats(run(slice1d(options(1, 0, 0), 0, 5, -1), TEN), dims(4), 9, 8, 7, 6);
  }

  @Test
  void clampsOutOfRangeIndices() {
    // begin -100 → -90 → clamped 0; end 100 → clamped 10: the whole input
    assertFloats(run(slice1d(options(0, 0, 0), -100, 100, 4), TEN), dims(3), 0, 4, 8);
  }

  @Test
  void isEmptyWhenTheStrideLeadsAway() {
    assertFloats(run(slice1d(options(0, 0, 0), 5, 2, 1), TEN), dims(0));
  }

  @Test
  void shrinksAnAxisToTheElementAtBegin() {
    // row 1 (shrunk away), columns 0 and 2 → [10, 12] of shape [2]
    Op op =
        makeOp(
            "STRIDED_SLICE",
            options(0, 0, 0b01),
            input(DataType.INT32, 3, 4),
            constInts(1, 0),
            constInts(2, 4),
            constInts(1, 2));
    assertInts(run(op, GRID), dims(2), 10, 12);
  }

  @Test
  void shrinksWithANegativeBeginWhateverTheEnd() {
    // begin -1 → row 2; end 0 would be empty without the shrink; all columns by end_mask
    Op op =
        makeOp(
            "STRIDED_SLICE",
            options(0, 0b10, 0b01),
            input(DataType.INT32, 3, 4),
            constInts(-1, 0),
            constInts(0, 0),
            constInts(1, 1));
    assertInts(run(op, GRID), dims(4), 20, 21, 22, 23);
  }

  @Test
  void masksAndNegativeStridesOnTwoAxes() {
    // rows: begin_mask, stride -2 → 2, 0; columns: begin 3, end_mask, stride -1 → 3, 2, 1, 0
    Op op =
        makeOp(
            "STRIDED_SLICE",
            options(0b01, 0b10, 0),
            input(DataType.INT32, 3, 4),
            constInts(0, 3),
            constInts(-4, 2),
            constInts(-2, -1));
    assertInts(run(op, GRID), dims(2, 4), 23, 22, 21, 20, 3, 2, 1, 0);
  }

  @Test
  void takesTrailingAxesWhole() {
    // one begin/end/stride for a rank-2 input: rows 1..2, all columns
    Op op =
        makeOp(
            "STRIDED_SLICE",
            options(0, 0, 0),
            input(DataType.INT32, 3, 4),
            constInts(1),
            constInts(3),
            constInts(1));
    assertInts(run(op, GRID), dims(2, 4), 10, 11, 12, 13, 20, 21, 22, 23);
  }

  @Test
  void offsetMakesEndRelativeToBegin() {
    // begin 2, end 3 relative → stop 5: 2, 3, 4
    StridedSliceOptionsT o = options(0, 0, 0);
    o.setOffset(true);
    assertFloats(run(slice1d(o, 2, 3, 1), TEN), dims(3), 2, 3, 4);
  }

  @Test
  void readsRunTimeIndicesLikeConstantOnes() {
    Op op =
        makeOp(
            "STRIDED_SLICE",
            options(0, 0, 0),
            input(DataType.FLOAT32, 10),
            input(DataType.INT32, 1),
            input(DataType.INT32, 1),
            input(DataType.INT32, 1));
    assertFloats(run(op, TEN, intVector(8), intVector(1), intVector(-3)), dims(3), 8, 5, 2);
  }

  @Test
  void rejectsEllipsisAndNewAxisMasks() {
    StridedSliceOptionsT ellipsis = options(0, 0, 0);
    ellipsis.setEllipsisMask(1);
    assertThrows(UnsupportedOpException.class, () -> slice1d(ellipsis, 0, 1, 1));
    StridedSliceOptionsT newAxis = options(0, 0, 0);
    newAxis.setNewAxisMask(1);
    assertThrows(UnsupportedOpException.class, () -> slice1d(newAxis, 0, 1, 1));
  }

  @Test
  void rejectsBadIndices() {
    assertThrows(ShapeMismatchException.class, () -> run(slice1d(options(0, 0, 0), 0, 5, 0), TEN));
    assertThrows(
        ShapeMismatchException.class, () -> run(slice1d(options(0, 0, 1), 10, 11, 1), TEN));
    Op tooMany = slice(options(0, 0, 0), dims(10), dims(0, 0), dims(1, 1), dims(1, 1));
    assertThrows(ShapeMismatchException.class, () -> run(tooMany, TEN));
  }
}
