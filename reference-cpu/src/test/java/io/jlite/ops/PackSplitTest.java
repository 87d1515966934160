package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.constInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.intSpec;
import static io.jlite.ops.TensorOpTestSupport.intVector;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.iota;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.PackOptionsT;
import org.tensorflow.lite.schema.SplitOptionsT;
import org.tensorflow.lite.schema.SplitVOptionsT;
import org.tensorflow.lite.schema.UnpackOptionsT;

/** PACK, UNPACK, SPLIT and SPLIT_V. */
class PackSplitTest {
  private static final NdArray A = floats(dims(2), 1, 2);
  private static final NdArray B = floats(dims(2), 3, 4);

  private static Op pack(int axis) {
    PackOptionsT o = new PackOptionsT();
    o.setValuesCount(2);
    o.setAxis(axis);
    return makeOp("PACK", o, input(DataType.FLOAT32, 2), input(DataType.FLOAT32, 2));
  }

  @Test
  void packStacksAlongANewAxis() {
    // axis 0: [[1, 2], [3, 4]]; axis 1 (or -1): [[1, 3], [2, 4]]
    assertFloats(run(pack(0), A, B), dims(2, 2), 1, 2, 3, 4);
    assertFloats(run(pack(1), A, B), dims(2, 2), 1, 3, 2, 4);
    assertFloats(run(pack(-1), A, B), dims(2, 2), 1, 3, 2, 4);
  }

  @Test
  void packRejectsDifferentShapesAndAWrongCount() {
    assertThrows(ShapeMismatchException.class, () -> run(pack(0), A, floats(dims(3), 1, 2, 3)));
    PackOptionsT o = new PackOptionsT();
    o.setValuesCount(3);
    assertThrows(
        ModelFormatException.class,
        () -> makeOp("PACK", o, input(DataType.FLOAT32, 2), input(DataType.FLOAT32, 2)));
  }

  @Test
  void unpackSplitsAlongAnAxisAndDropsIt() {
    // [[0, 1, 2], [3, 4, 5]] along axis 1 → [0, 3], [1, 4], [2, 5]
    UnpackOptionsT o = new UnpackOptionsT();
    o.setNum(3);
    o.setAxis(1);
    Op op = makeOp("UNPACK", o, 3, input(DataType.INT32, 2, 3));
    NdArray[] out = op.apply(new NdArray[] {ints(dims(2, 3), 0, 1, 2, 3, 4, 5)});
    assertEquals(3, out.length);
    assertInts(out[0], dims(2), 0, 3);
    assertInts(out[1], dims(2), 1, 4);
    assertInts(out[2], dims(2), 2, 5);
    assertThrows(
        ShapeMismatchException.class,
        () -> op.apply(new NdArray[] {ints(dims(3, 2), 0, 1, 2, 3, 4, 5)}));
  }

  private static TensorSpec constScalar(int value) {
    return new TensorSpec(
        0,
        "axis",
        DataType.INT32,
        Shape.scalar(),
        Quantization.NONE,
        Optional.of(NdArray.ofInts(DataType.INT32, Shape.scalar(), new int[] {value})));
  }

  @Test
  void splitCutsEqualPieces() {
    // axis (input 0) = 1 of a 2x6 iota → three 2x2 pieces: columns 0-1, 2-3, 4-5
    SplitOptionsT o = new SplitOptionsT();
    o.setNumSplits(3);
    Op op = makeOp("SPLIT", o, 3, constScalar(1), input(DataType.FLOAT32, 2, 6));
    NdArray[] out = op.apply(new NdArray[] {null, iota(2, 6)});
    assertEquals(3, out.length);
    assertFloats(out[0], dims(2, 2), 0, 1, 6, 7);
    assertFloats(out[1], dims(2, 2), 2, 3, 8, 9);
    assertFloats(out[2], dims(2, 2), 4, 5, 10, 11);
    assertThrows(ShapeMismatchException.class, () -> op.apply(new NdArray[] {null, iota(2, 5)}));
  }

  @Test
  void splitRejectsAWrongOutputCount() {
    SplitOptionsT o = new SplitOptionsT();
    o.setNumSplits(3);
    assertThrows(
        ModelFormatException.class,
        () -> makeOp("SPLIT", o, 2, constScalar(0), input(DataType.FLOAT32, 6)));
  }

  @Test
  void splitVCutsGivenSizesInferringMinusOne() {
    // 6 elements, sizes [1, -1, 2] → -1 = 6 - 3 = 3: [0], [1, 2, 3], [4, 5]
    SplitVOptionsT o = new SplitVOptionsT();
    o.setNumSplits(3);
    Op op = makeOp("SPLIT_V", o, 3, input(DataType.INT32, 6), constInts(1, -1, 2), constScalar(-1));
    NdArray[] out = op.apply(new NdArray[] {ints(dims(6), 0, 1, 2, 3, 4, 5), null, null});
    assertInts(out[0], dims(1), 0);
    assertInts(out[1], dims(3), 1, 2, 3);
    assertInts(out[2], dims(2), 4, 5);
  }

  @Test
  void splitVRejectsSizesThatDoNotAddUp() {
    SplitVOptionsT o = new SplitVOptionsT();
    o.setNumSplits(2);
    Op op = makeOp("SPLIT_V", o, 2, input(DataType.FLOAT32, 6), intSpec(2), constScalar(0));
    assertThrows(
        ShapeMismatchException.class,
        () -> op.apply(new NdArray[] {iota(6), intVector(2, 2), null}));
    assertThrows(
        ShapeMismatchException.class,
        () -> op.apply(new NdArray[] {iota(6), intVector(-1, 7), null}));
    assertThrows(
        ShapeMismatchException.class,
        () -> op.apply(new NdArray[] {iota(6), intVector(-1, -1), null}));
  }
}
