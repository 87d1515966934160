package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.ConcatenationOptionsT;

class ConcatenationTest {
  private static ConcatenationOptionsT options(int axis, byte activation) {
    ConcatenationOptionsT o = new ConcatenationOptionsT();
    o.setAxis(axis);
    o.setFusedActivationFunction(activation);
    return o;
  }

  @Test
  void joinsAlongTheLastAxis() {
    // [[1], [2]] ++ [[10, 11], [20, 21]] along axis 1 (given as -1)
    Op op =
        makeOp(
            "CONCATENATION",
            options(-1, ActivationFunctionType.NONE),
            input(DataType.FLOAT32, 2, 1),
            input(DataType.FLOAT32, 2, 2));
    assertFloats(
        run(op, floats(dims(2, 1), 1, 2), floats(dims(2, 2), 10, 11, 20, 21)),
        dims(2, 3),
        1,
        10,
        11,
        2,
        20,
        21);
  }

  @Test
  void joinsThreeIntegerInputsAlongTheFirstAxis() {
    Op op =
        makeOp(
            "CONCATENATION",
            options(0, ActivationFunctionType.NONE),
            input(DataType.INT32, 1, 2),
            input(DataType.INT32, 2, 2),
            input(DataType.INT32, 1, 2));
    assertInts(
        run(op, ints(dims(1, 2), 1, 2), ints(dims(2, 2), 3, 4, 5, 6), ints(dims(1, 2), 7, 8)),
        dims(4, 2),
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8);
  }

  @Test
  void appliesTheFusedActivation() {
    // RELU6 clamps -1 → 0 and 7 → 6
    Op op =
        makeOp(
            "CONCATENATION",
            options(0, ActivationFunctionType.RELU6),
            input(DataType.FLOAT32, 2),
            input(DataType.FLOAT32, 1));
    assertFloats(run(op, floats(dims(2), -1, 3), floats(dims(1), 7)), dims(3), 0, 3, 6);
  }

  @Test
  void rejectsMismatchedShapesAndIntegerActivations() {
    Op op =
        makeOp(
            "CONCATENATION",
            options(1, ActivationFunctionType.NONE),
            input(DataType.FLOAT32, 2, 1),
            input(DataType.FLOAT32, 3, 1));
    assertThrows(
        ShapeMismatchException.class,
        () -> run(op, floats(dims(2, 1), 1, 2), floats(dims(3, 1), 1, 2, 3)));
    assertThrows(
        ShapeMismatchException.class,
        () -> run(op, floats(dims(2, 1), 1, 2), floats(dims(2), 1, 2)));
    assertThrows(
        UnsupportedOpException.class,
        () ->
            makeOp(
                "CONCATENATION",
                options(0, ActivationFunctionType.RELU),
                input(DataType.INT32, 2),
                input(DataType.INT32, 2)));
  }
}
