package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.constInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ReducerOptionsT;

class ReduceTest {
  // NHWC [1, 2, 2, 2]: channel 0 holds 1, 2, 3, 4 and channel 1 holds 10, 20, 30, 40
  private static final NdArray IMAGE = floats(dims(1, 2, 2, 2), 1, 10, 2, 20, 3, 30, 4, 40);

  // [[1, 2, 3], [4, 5, 6]]
  private static final NdArray MATRIX = floats(dims(2, 3), 1, 2, 3, 4, 5, 6);

  private static Op reduce(String opName, boolean keepDims, int[] inDims, int... axes) {
    ReducerOptionsT o = new ReducerOptionsT();
    o.setKeepDims(keepDims);
    return makeOp(opName, o, input(DataType.FLOAT32, inDims), constInts(axes));
  }

  @Test
  void meanOverHeightAndWidthKeepingDims() {
    // (1+2+3+4)/4 = 2.5 and (10+20+30+40)/4 = 25, shape [1, 1, 1, 2]
    assertFloats(
        run(reduce("MEAN", true, dims(1, 2, 2, 2), 1, 2), IMAGE), dims(1, 1, 1, 2), 2.5f, 25);
  }

  @Test
  void meanOverHeightAndWidthDroppingDims() {
    assertFloats(run(reduce("MEAN", false, dims(1, 2, 2, 2), 1, 2), IMAGE), dims(1, 2), 2.5f, 25);
  }

  @Test
  void acceptsNegativeAndRepeatedAxes() {
    // -3 is axis 1 of a rank-4 tensor; repeats count once, so still divided by 4
    assertFloats(
        run(reduce("MEAN", true, dims(1, 2, 2, 2), -3, 2, 1, 2), IMAGE),
        dims(1, 1, 1, 2),
        2.5f,
        25);
  }

  @Test
  void sumsProductsAndExtremesAlongEitherAxis() {
    // rows: 1+2+3 = 6, 4+5+6 = 15; columns: 5, 7, 9
    assertFloats(run(reduce("SUM", false, dims(2, 3), 1), MATRIX), dims(2), 6, 15);
    assertFloats(run(reduce("SUM", true, dims(2, 3), 0), MATRIX), dims(1, 3), 5, 7, 9);
    // 1·2·3 = 6, 4·5·6 = 120; 1·4, 2·5, 3·6
    assertFloats(run(reduce("REDUCE_PROD", false, dims(2, 3), 1), MATRIX), dims(2), 6, 120);
    assertFloats(run(reduce("REDUCE_PROD", false, dims(2, 3), 0), MATRIX), dims(3), 4, 10, 18);
    assertFloats(run(reduce("REDUCE_MAX", false, dims(2, 3), 1), MATRIX), dims(2), 3, 6);
    assertFloats(run(reduce("REDUCE_MIN", false, dims(2, 3), 0), MATRIX), dims(3), 1, 2, 3);
    // over both axes: the whole matrix, 21 / 6 = 3.5
    assertFloats(run(reduce("MEAN", false, dims(2, 3), 0, 1), MATRIX), dims(), 3.5f);
    assertFloats(run(reduce("REDUCE_MIN", true, dims(2, 3), 1, 0), MATRIX), dims(1, 1), 1);
  }

  @Test
  void reducesNothingForNoAxes() {
    assertFloats(run(reduce("SUM", false, dims(2, 3)), MATRIX), dims(2, 3), 1, 2, 3, 4, 5, 6);
  }

  @Test
  void maxOfNegativeNumbers() {
    // the identity must not be 0: max(-3, -1, -2) = -1
    assertFloats(
        run(reduce("REDUCE_MAX", false, dims(3), 0), floats(dims(3), -3, -1, -2)), dims(), -1);
  }

  @Test
  void rejectsBadAxesAndIntegerInputs() {
    assertThrows(
        ShapeMismatchException.class, () -> run(reduce("SUM", false, dims(2, 3), 2), MATRIX));
    assertThrows(
        UnsupportedOpException.class,
        () -> makeOp("MEAN", null, input(DataType.INT32, 2, 3), constInts(0)));
  }
}
