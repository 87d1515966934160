package io.jlite.ops;

import static io.jlite.ops.TensorOpTestSupport.assertFloats;
import static io.jlite.ops.TensorOpTestSupport.constInts;
import static io.jlite.ops.TensorOpTestSupport.dims;
import static io.jlite.ops.TensorOpTestSupport.floats;
import static io.jlite.ops.TensorOpTestSupport.input;
import static io.jlite.ops.TensorOpTestSupport.intVector;
import static io.jlite.ops.TensorOpTestSupport.makeOp;
import static io.jlite.ops.TensorOpTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ResizeBilinearOptionsT;

class ResizeBilinearTest {
  // The 2x2 image f(y, x) = 8y + 4x: [[0, 4], [8, 12]]. Bilinear interpolation reproduces a
  // bilinear function exactly, so inside the image out = 8·py + 4·px where (py, px) is the
  // source coordinate; outside, the clamped lo/hi rows make it the edge value.
  private static final NdArray IMAGE = floats(dims(1, 2, 2, 1), 0, 4, 8, 12);

  private static Op resize(boolean alignCorners, boolean halfPixelCenters) {
    ResizeBilinearOptionsT o = new ResizeBilinearOptionsT();
    o.setAlignCorners(alignCorners);
    o.setHalfPixelCenters(halfPixelCenters);
    return makeOp("RESIZE_BILINEAR", o, input(DataType.FLOAT32, 1, 2, 2, 1), constInts(4, 4));
  }

  @Test
  void upsamples2x2To4x4WithoutOptions() {
    // scale = 2/4 = 0.5, p = 0.5·o = 0, 0.5, 1, 1.5; at 1.5 lo = 1 and hi = min(2, 1) = 1, so
    // both weights land on row 1: effective p = 0, 0.5, 1, 1.
    // 8·py = 0, 4, 8, 8 and 4·px = 0, 2, 4, 4.
    assertFloats(
        run(resize(false, false), IMAGE),
        dims(1, 4, 4, 1),
        new float[] {
          0, 2, 4, 4,
          4, 6, 8, 8,
          8, 10, 12, 12,
          8, 10, 12, 12
        });
  }

  @Test
  void upsamples2x2To4x4WithAlignCorners() {
    // scale = (2-1)/(4-1) = 1/3, p = o/3 = 0, 1/3, 2/3, 1.
    // 8·py = 0, 8/3, 16/3, 8 and 4·px = 0, 4/3, 8/3, 4.
    float t = 1f / 3;
    assertFloats(
        run(resize(true, false), IMAGE),
        dims(1, 4, 4, 1),
        new float[] {
          0, 4 * t, 8 * t, 4, 8 * t, 4, 16 * t, 20 * t, 16 * t, 20 * t, 8, 28 * t, 8, 28 * t,
          32 * t, 12
        });
  }

  @Test
  void upsamples2x2To4x4WithHalfPixelCenters() {
    // scale = 0.5, p = (o + 0.5)·0.5 - 0.5 = -0.25, 0.25, 0.75, 1.25.
    // At -0.25: lo = max(floor, 0) = 0, hi = min(ceil = 0, 1) = 0: weights 1.25 and -0.25 on row 0
    // sum to 1, giving row 0. At 1.25: lo = hi = 1. Effective p = 0, 0.25, 0.75, 1.
    // 8·py = 0, 2, 6, 8 and 4·px = 0, 1, 3, 4.
    assertFloats(
        run(resize(false, true), IMAGE),
        dims(1, 4, 4, 1),
        new float[] {
          0, 1, 3, 4,
          2, 3, 5, 6,
          6, 7, 9, 10,
          8, 9, 11, 12
        });
  }

  @Test
  void weightsANonLinearImageWithHalfPixelCenters() {
    // A single bright corner [[1, 0], [0, 0]]: out(y, x) = wy0(y)·wx0(x) with the weight of row/col
    // 0 being 1 at p = -0.25 (1.25 - 0.25 on the same pixel), 0.75 at p = 0.25, 0.25 at p = 0.75
    // and 0 at p = 1.25. Row 1: 0.75·[1, 0.75, 0.25, 0] = 0.75, 0.5625, 0.1875, 0.
    NdArray corner = floats(dims(1, 2, 2, 1), 1, 0, 0, 0);
    assertFloats(
        run(resize(false, true), corner),
        dims(1, 4, 4, 1),
        new float[] {
          1, 0.75f, 0.25f, 0, 0.75f, 0.5625f, 0.1875f, 0, 0.25f, 0.1875f, 0.0625f, 0, 0, 0, 0, 0
        });
  }

  @Test
  void interpolatesEachChannelAndBatchSeparately() {
    // two batches of a 1x2 image with 2 channels, resized to 1x3 with align_corners: scale 1/2,
    // px = 0, 0.5, 1 → the middle column is the average of the two.
    NdArray in = floats(dims(2, 1, 2, 2), 0, 10, 2, 20, 4, 30, 6, 40);
    ResizeBilinearOptionsT o = new ResizeBilinearOptionsT();
    o.setAlignCorners(true);
    Op op = makeOp("RESIZE_BILINEAR", o, input(DataType.FLOAT32, 2, 1, 2, 2), constInts(1, 3));
    assertFloats(run(op, in), dims(2, 1, 3, 2), 0, 10, 1, 15, 2, 20, 4, 30, 5, 35, 6, 40);
  }

  @Test
  void readsARunTimeSizeLikeAConstantOne() {
    Op op =
        makeOp(
            "RESIZE_BILINEAR",
            new ResizeBilinearOptionsT(),
            input(DataType.FLOAT32, 1, 2, 2, 1),
            TensorOpTestSupport.intSpec(2));
    assertFloats(
        run(op, IMAGE, intVector(4, 4)),
        dims(1, 4, 4, 1),
        new float[] {
          0, 2, 4, 4,
          4, 6, 8, 8,
          8, 10, 12, 12,
          8, 10, 12, 12
        });
  }

  @Test
  void rejectsBothAlignCornersAndHalfPixelCenters() {
    assertThrows(ModelFormatException.class, () -> resize(true, true));
  }

  @Test
  void rejectsIntegerImages() {
    assertThrows(
        UnsupportedOpException.class,
        () -> makeOp("RESIZE_BILINEAR", null, input(DataType.INT32, 1, 2, 2, 1), constInts(4, 4)));
  }

  @Test
  void rejectsBadShapes() {
    Op op =
        makeOp(
            "RESIZE_BILINEAR",
            new ResizeBilinearOptionsT(),
            input(DataType.FLOAT32, 1, 2, 2, 1),
            TensorOpTestSupport.intSpec(2));
    assertThrows(
        ShapeMismatchException.class,
        () -> op.apply(new NdArray[] {floats(dims(2, 2), 1, 2, 3, 4), intVector(4, 4)}));
    assertThrows(ShapeMismatchException.class, () -> op.apply(new NdArray[] {IMAGE, intVector(4)}));
    assertThrows(
        ShapeMismatchException.class, () -> op.apply(new NdArray[] {IMAGE, intVector(0, 4)}));
  }
}
