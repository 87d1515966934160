package io.jlite.ops;

import static io.jlite.ops.ElementwiseTestSupport.buildOp;
import static io.jlite.ops.ElementwiseTestSupport.runOp;
import static io.jlite.ops.ElementwiseTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.junit.jupiter.api.Test;

class CastTest {

  private static Op cast(DataType from, DataType to, int n) {
    return buildOp("CAST", null, to, spec(from, n));
  }

  @Test
  void floatToInt32TruncatesTowardZero() {
    Op op = cast(DataType.FLOAT32, DataType.INT32, 6);
    assertEquals(new Cast(DataType.FLOAT32, DataType.INT32), op);
    NdArray out =
        runOp(op, NdArray.of(Shape.of(6), new float[] {2.7f, -2.7f, 0.5f, -0.5f, 3, -1e10f}));
    assertEquals(DataType.INT32, out.type());
    // -1e10 is outside the int range: saturates (undefined in C++)
    assertArrayEquals(new int[] {2, -2, 0, 0, 3, Integer.MIN_VALUE}, out.ints());
  }

  @Test
  void int32ToFloatRoundsToNearest() {
    NdArray in = NdArray.ofInts(DataType.INT32, Shape.of(3), new int[] {1, -5, 16777217});
    NdArray out = runOp(cast(DataType.INT32, DataType.FLOAT32, 3), in);
    assertEquals(DataType.FLOAT32, out.type());
    // 2^24 + 1 is halfway between the floats 2^24 and 2^24 + 2: ties to even gives 2^24
    assertArrayEquals(new float[] {1, -5, 16777216f}, out.floats());
  }

  @Test
  void boolConversions() {
    NdArray f = NdArray.of(Shape.of(4), new float[] {0, -0f, 0.1f, Float.NaN});
    assertArrayEquals(
        new int[] {0, 0, 1, 1}, runOp(cast(DataType.FLOAT32, DataType.BOOL, 4), f).ints());
    NdArray b = NdArray.ofInts(DataType.BOOL, Shape.of(2), new int[] {1, 0});
    assertArrayEquals(
        new float[] {1, 0}, runOp(cast(DataType.BOOL, DataType.FLOAT32, 2), b).floats());
    NdArray i = NdArray.ofInts(DataType.INT32, Shape.of(3), new int[] {0, 7, -1});
    NdArray bools = runOp(cast(DataType.INT32, DataType.BOOL, 3), i);
    assertEquals(DataType.BOOL, bools.type());
    assertArrayEquals(new int[] {0, 1, 1}, bools.ints());
  }

  @Test
  void float16ToFloat32IsExact() {
    NdArray half = NdArray.ofFloats(DataType.FLOAT16, Shape.of(2), new float[] {65504f, 0x1p-24f});
    NdArray out = runOp(cast(DataType.FLOAT16, DataType.FLOAT32, 2), half);
    assertEquals(DataType.FLOAT32, out.type());
    assertArrayEquals(new float[] {65504f, 0x1p-24f}, out.floats());
  }

  @Test
  void rejectsOtherTypes() {
    assertThrows(UnsupportedOpException.class, () -> cast(DataType.FLOAT32, DataType.INT8, 1));
    assertThrows(UnsupportedOpException.class, () -> cast(DataType.INT64, DataType.FLOAT32, 1));
    assertThrows(UnsupportedOpException.class, () -> cast(DataType.FLOAT32, DataType.FLOAT16, 1));
  }
}
