package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.intVector;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ArgMaxOptionsT;
import org.tensorflow.lite.schema.ArgMinOptionsT;
import org.tensorflow.lite.schema.TensorType;

class ArgMinMaxTest {
  // [[1, 5, 5], [7, 2, 7]]
  private static final NdArray MATRIX = floats(dims(2, 3), 1, 5, 5, 7, 2, 7);

  private static Op argMax(byte outputType) {
    ArgMaxOptionsT o = new ArgMaxOptionsT();
    o.setOutputType(outputType);
    return makeOp("ARG_MAX", o, input(DataType.FLOAT32, 2, 3), input(DataType.INT32, 1));
  }

  private static Op argMin() {
    ArgMinOptionsT o = new ArgMinOptionsT();
    o.setOutputType(TensorType.INT32);
    return makeOp("ARG_MIN", o, input(DataType.FLOAT32, 2, 3), input(DataType.INT32, 1));
  }

  @Test
  void argMaxTakesTheFirstOfTiedMaxima() {
    // row 0: 5 at 1 and 2 → 1; row 1: 7 at 0 and 2 → 0
    NdArray out = run(argMax(TensorType.INT32), MATRIX, intVector(1));
    assertInts(out, dims(2), 1, 0);
    assertEquals(DataType.INT32, out.type());
    // axis -1 is the same axis
    assertInts(run(argMax(TensorType.INT32), MATRIX, intVector(-1)), dims(2), 1, 0);
  }

  @Test
  void argMaxDownColumnsAsInt64() {
    // columns: max(1, 7) at 1, max(5, 2) at 0, max(5, 7) at 1
    NdArray out = run(argMax(TensorType.INT64), MATRIX, intVector(0));
    assertInts(out, dims(3), 1, 0, 1);
    assertEquals(DataType.INT64, out.type());
  }

  @Test
  void argMinOfIntegers() {
    // rows: min 1 at 0; min 2 at 1. columns: 1 at 0, 2 at 1, 5 at 0
    Op op = argMin();
    NdArray in = ints(dims(2, 3), 1, 5, 5, 7, 2, 7);
    assertInts(run(op, in, intVector(1)), dims(2), 0, 1);
    assertInts(run(op, in, intVector(0)), dims(3), 0, 1, 0);
  }

  @Test
  void rejectsBadAxesAndOutputTypes() {
    assertThrows(
        ShapeMismatchException.class, () -> run(argMax(TensorType.INT32), MATRIX, intVector(2)));
    assertThrows(UnsupportedOpException.class, () -> argMax(TensorType.FLOAT32));
  }
}
