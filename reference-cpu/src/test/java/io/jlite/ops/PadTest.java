package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.constInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.intVector;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.makeOpDeclaring;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.MirrorPadMode;
import org.tensorflow.lite.schema.MirrorPadOptionsT;

/** PAD, PADV2 and MIRROR_PAD. */
class PadTest {
  private static final NdArray SQUARE = floats(dims(2, 2), 1, 2, 3, 4);

  @Test
  void padsWithZeros() {
    // paddings [[1, 0], [0, 2]]: one row on top, two columns on the right → 3x4
    Op op =
        makeOpDeclaring(
            "PAD",
            null,
            input(DataType.FLOAT32, 3, 4),
            input(DataType.FLOAT32, 2, 2),
            constInts(1, 0, 0, 2));
    assertFloats(
        run(op, SQUARE),
        dims(3, 4),
        new float[] {
          0, 0, 0, 0,
          1, 2, 0, 0,
          3, 4, 0, 0
        });
  }

  @Test
  void padV2UsesTheConstantValue() {
    // one column each side, value 9; integers
    Op op =
        makeOpDeclaring(
            "PADV2",
            null,
            input(DataType.INT32, 2, 4),
            input(DataType.INT32, 2, 2),
            constInts(0, 0, 1, 1),
            input(DataType.INT32));
    NdArray nine = NdArray.ofInts(DataType.INT32, Shape.scalar(), new int[] {9});
    assertInts(
        run(op, ints(dims(2, 2), 1, 2, 3, 4), ints(dims(2, 2), 0, 0, 1, 1), nine),
        dims(2, 4),
        new int[] {
          9, 1, 2, 9,
          9, 3, 4, 9
        });
  }

  @Test
  void padRejectsNegativeOrMisshapenPaddings() {
    Op op = makeOp("PAD", null, input(DataType.FLOAT32, 2, 2), input(DataType.INT32, 2, 2));
    assertThrows(ShapeMismatchException.class, () -> run(op, SQUARE, intVector(0, 0, -1, 0)));
    assertThrows(ShapeMismatchException.class, () -> run(op, SQUARE, intVector(0, 0, 1)));
  }

  private static Op mirror(byte mode, int... paddings) {
    MirrorPadOptionsT o = new MirrorPadOptionsT();
    o.setMode(mode);
    return makeOp("MIRROR_PAD", o, input(DataType.FLOAT32, 3), constInts(paddings));
  }

  @Test
  void reflectMirrorsWithoutRepeatingTheEdge() {
    // [1, 2, 3] padded (2, 2): i = -2 → 2, -1 → 1, 3 → 2·2-3 = 1, 4 → 0
    assertFloats(
        run(mirror(MirrorPadMode.REFLECT, 2, 2), floats(dims(3), 1, 2, 3)),
        dims(7),
        3,
        2,
        1,
        2,
        3,
        2,
        1);
  }

  @Test
  void symmetricMirrorsRepeatingTheEdge() {
    // [1, 2, 3] padded (2, 3): i = -2 → 1, -1 → 0, 3 → 2·3-1-3 = 2, 4 → 1, 5 → 0
    assertFloats(
        run(mirror(MirrorPadMode.SYMMETRIC, 2, 3), floats(dims(3), 1, 2, 3)),
        dims(8),
        2,
        1,
        1,
        2,
        3,
        3,
        2,
        1);
  }

  @Test
  void mirrorsBothAxesOfAMatrix() {
    // REFLECT by one on every side of [[1, 2], [3, 4]]: rows -1 → 1, 2 → 0; same for columns
    MirrorPadOptionsT o = new MirrorPadOptionsT();
    o.setMode(MirrorPadMode.REFLECT);
    Op op = makeOp("MIRROR_PAD", o, input(DataType.FLOAT32, 2, 2), constInts(1, 1, 1, 1));
    assertFloats(
        run(op, SQUARE),
        dims(4, 4),
        new float[] {
          4, 3, 4, 3,
          2, 1, 2, 1,
          4, 3, 4, 3,
          2, 1, 2, 1
        });
  }

  @Test
  void mirrorRejectsPaddingLargerThanTheInput() {
    // REFLECT allows at most n-1 = 2, SYMMETRIC at most n = 3
    NdArray in = floats(dims(3), 1, 2, 3);
    assertThrows(ShapeMismatchException.class, () -> run(mirror(MirrorPadMode.REFLECT, 3, 0), in));
    assertThrows(
        ShapeMismatchException.class, () -> run(mirror(MirrorPadMode.SYMMETRIC, 0, 4), in));
  }
}
