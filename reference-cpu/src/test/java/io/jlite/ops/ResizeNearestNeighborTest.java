package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.assertInts;
import static io.jlite.ops.TensorOpTestSupport.constInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.ints;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptionsT;

class ResizeNearestNeighborTest {
  // one row of four pixels, resized to width 3 (a downsample, where the rules differ most)
  private static final NdArray ROW = floats(dims(1, 1, 4, 1), 10, 20, 30, 40);

  private static Op resize(boolean alignCorners, boolean halfPixelCenters, int h, int w) {
    ResizeNearestNeighborOptionsT o = new ResizeNearestNeighborOptionsT();
    o.setAlignCorners(alignCorners);
    o.setHalfPixelCenters(halfPixelCenters);
    return makeOp(
        "RESIZE_NEAREST_NEIGHBOR", o, input(DataType.FLOAT32, 1, 1, 4, 1), constInts(h, w));
  }

  @Test
  void floorsWithoutOptions() {
    // scale = 4/3; floor(o·4/3) = floor(0, 1.33, 2.67) = 0, 1, 2
    assertFloats(run(resize(false, false, 1, 3), ROW), dims(1, 1, 3, 1), 10, 20, 30);
  }

  @Test
  void floorsPixelCentresWithHalfPixelCenters() {
    // scale = 4/3; floor((o + 0.5)·4/3) = floor(0.67, 2, 3.33) = 0, 2, 3 (no -0.5 here)
    assertFloats(run(resize(false, true, 1, 3), ROW), dims(1, 1, 3, 1), 10, 30, 40);
  }

  @Test
  void roundsHalfAwayFromZeroWithAlignCorners() {
    // scale = (4-1)/(3-1) = 1.5; round(0, 1.5, 3) = 0, 2, 3
    assertFloats(run(resize(true, false, 1, 3), ROW), dims(1, 1, 3, 1), 10, 30, 40);
  }

  @Test
  void combinesBothOptionsAsTfLite() {
    // scale = 1.5, offset 0.5: round(0.75, 2.25, 3.75) = 1, 2, 4 → min(·, 3) = 1, 2, 3
    assertFloats(run(resize(true, true, 1, 3), ROW), dims(1, 1, 3, 1), 20, 30, 40);
  }

  @Test
  void upsamples2x2To4x4IntegersByRepeatingPixels() {
    // scale = 0.5: floor(0, 0.5, 1, 1.5) = 0, 0, 1, 1 on both axes
    ResizeNearestNeighborOptionsT o = new ResizeNearestNeighborOptionsT();
    Op op =
        makeOp("RESIZE_NEAREST_NEIGHBOR", o, input(DataType.INT32, 1, 2, 2, 1), constInts(4, 4));
    assertInts(
        run(op, ints(dims(1, 2, 2, 1), 1, 2, 3, 4)),
        dims(1, 4, 4, 1),
        new int[] {
          1, 1, 2, 2,
          1, 1, 2, 2,
          3, 3, 4, 4,
          3, 3, 4, 4
        });
  }

  @Test
  void upsamples2x2To3x3WithHalfPixelCenters() {
    // scale = 2/3: floor((o + 0.5)·2/3) = floor(0.33, 1, 1.67) = 0, 1, 1
    ResizeNearestNeighborOptionsT o = new ResizeNearestNeighborOptionsT();
    o.setHalfPixelCenters(true);
    Op op =
        makeOp("RESIZE_NEAREST_NEIGHBOR", o, input(DataType.FLOAT32, 1, 2, 2, 1), constInts(3, 3));
    assertFloats(
        run(op, floats(dims(1, 2, 2, 1), 1, 2, 3, 4)),
        dims(1, 3, 3, 1),
        new float[] {
          1, 2, 2,
          3, 4, 4,
          3, 4, 4
        });
  }

  @Test
  void rejectsANonImage() {
    Op op = resize(false, false, 1, 3);
    assertThrows(ShapeMismatchException.class, () -> run(op, floats(dims(4), 1, 2, 3, 4)));
  }
}
