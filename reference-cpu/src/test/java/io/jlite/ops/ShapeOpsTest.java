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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.SqueezeOptionsT;

/** RESHAPE, SQUEEZE and EXPAND_DIMS: the same elements in the same order under a new shape. */
class ShapeOpsTest {
  private static ReshapeOptionsT newShape(int... dims) {
    ReshapeOptionsT o = new ReshapeOptionsT();
    o.setNewShape(dims);
    return o;
  }

  @Test
  void reshapeInfersTheMinusOneDimension() {
    // 2·3·4 = 24 elements; [-1, 6] → 24 / 6 = 4
    Op op = makeOp("RESHAPE", null, input(DataType.FLOAT32, 2, 3, 4), constInts(-1, 6));
    NdArray in = iota(2, 3, 4);
    NdArray out = run(op, in);
    assertFloats(out, dims(4, 6), in.floats());
    assertNotSame(in.floats(), out.floats());
  }

  @Test
  void reshapeTakesARunTimeShape() {
    Op op = makeOp("RESHAPE", null, input(DataType.INT32, 4), intSpec(2));
    assertInts(run(op, ints(dims(4), 1, 2, 3, 4), intVector(2, 2)), dims(2, 2), 1, 2, 3, 4);
  }

  @Test
  void reshapeFallsBackToTheOptions() {
    Op op = makeOp("RESHAPE", newShape(3, 1, 2), input(DataType.FLOAT32, 6));
    assertFloats(run(op, iota(6)), dims(3, 1, 2), 0, 1, 2, 3, 4, 5);
  }

  @Test
  void reshapeReadsTheLegacyShapeZeroAsAScalar() {
    Op op = makeOp("RESHAPE", newShape(0), input(DataType.FLOAT32, 1, 1));
    assertFloats(run(op, iota(1, 1)), dims(), 0);
  }

  @Test
  void reshapeRejectsAWrongElementCount() {
    Op op = makeOp("RESHAPE", null, input(DataType.FLOAT32, 6), intSpec(2));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(6), intVector(4, 2)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(6), intVector(-1, 4)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(6), intVector(-1, -1)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(6), intVector(-2, -3)));
  }

  @Test
  void squeezeRemovesAllOnesByDefault() {
    Op op = makeOp("SQUEEZE", null, input(DataType.FLOAT32, 1, 3, 1, 2));
    assertFloats(run(op, iota(1, 3, 1, 2)), dims(3, 2), 0, 1, 2, 3, 4, 5);
  }

  @Test
  void squeezeRemovesTheListedAxesOnly() {
    SqueezeOptionsT o = new SqueezeOptionsT();
    o.setSqueezeDims(new int[] {-2});
    Op op = makeOp("SQUEEZE", o, input(DataType.FLOAT32, 1, 3, 1, 2));
    assertFloats(run(op, iota(1, 3, 1, 2)), dims(1, 3, 2), 0, 1, 2, 3, 4, 5);
  }

  @Test
  void squeezeRejectsAnAxisThatIsNotOne() {
    SqueezeOptionsT o = new SqueezeOptionsT();
    o.setSqueezeDims(new int[] {1});
    Op op = makeOp("SQUEEZE", o, input(DataType.FLOAT32, 1, 3));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(1, 3)));
  }

  @Test
  void expandDimsInsertsAnAxis() {
    Op op = makeOp("EXPAND_DIMS", null, input(DataType.FLOAT32, 2, 3), intSpec(1));
    // axis 0 → [1, 2, 3]; axis 1 → [2, 1, 3]; axis -1 → after the last: [2, 3, 1]
    assertFloats(run(op, iota(2, 3), intVector(0)), dims(1, 2, 3), 0, 1, 2, 3, 4, 5);
    assertFloats(run(op, iota(2, 3), intVector(1)), dims(2, 1, 3), 0, 1, 2, 3, 4, 5);
    assertFloats(run(op, iota(2, 3), intVector(-1)), dims(2, 3, 1), 0, 1, 2, 3, 4, 5);
    assertFloats(run(op, iota(2, 3), intVector(-3)), dims(1, 2, 3), 0, 1, 2, 3, 4, 5);
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(2, 3), intVector(3)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(2, 3), intVector(-4)));
  }
}
