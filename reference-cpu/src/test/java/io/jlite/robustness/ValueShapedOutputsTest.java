package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DataType;
import io.jlite.Interpreter;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.loader.LoaderLimits;
import io.jlite.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.MirrorPadOptionsT;
import org.tensorflow.lite.schema.PadOptionsT;
import org.tensorflow.lite.schema.ResizeBilinearOptionsT;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptionsT;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

/**
 * Ops whose output size is an input value (an output size, paddings) fed at run time: a hostile
 * value is refused before the op allocates, naming the op, the size and the limit, and the
 * interpreter keeps working. Expected outputs of the good runs are worked by hand.
 */
class ValueShapedOutputsTest {
  /** image [1,2,2,1] and an INT32 operand of {@code operandShape} → declared [1,4,4,1]. */
  private static Interpreter model(
      int builtin, byte optionsType, Object options, LoaderLimits limits, int... operandShape) {
    TestModels.Builder b = new TestModels.Builder();
    int image = b.input("image", 1, 2, 2, 1);
    int operand = b.intInput("operand", operandShape);
    int out = b.tensor("out", 1, 4, 4, 1);
    b.op(builtin, optionsType, options, new int[] {image, operand}, out).outputs(out);
    return new Interpreter(
        TestModels.bytes(b.build()), new Interpreter.Options().setLimits(limits));
  }

  private static Interpreter resize(LoaderLimits limits) {
    return model(
        BuiltinOperator.RESIZE_NEAREST_NEIGHBOR,
        BuiltinOptions.ResizeNearestNeighborOptions,
        new ResizeNearestNeighborOptionsT(),
        limits,
        2);
  }

  private static final NdArray IMAGE = NdArray.of(Shape.of(1, 2, 2, 1), new float[] {1, 2, 3, 4});

  private static List<NdArray> feed(int[] operand, int... shape) {
    return List.of(IMAGE, NdArray.ofInts(DataType.INT32, Shape.of(shape), operand));
  }

  private static String refused(Interpreter interpreter, List<NdArray> inputs) {
    return assertThrows(ShapeMismatchException.class, () -> interpreter.runRaw(inputs))
        .getMessage();
  }

  @Test
  void aHugeResizeIsRefusedBeforeAllocationNamingOpSizeAndLimit() {
    try (Interpreter interpreter = resize(LoaderLimits.DEFAULT)) {
      // 2^31-1 squared floats: without the check, an overflow deep in the op or an OOM.
      String message = refused(interpreter, feed(new int[] {Integer.MAX_VALUE, 1 << 30}, 2));
      assertTrue(message.contains("RESIZE_NEAREST_NEIGHBOR"), message);
      assertTrue(message.contains("[1, 2147483647, 1073741824, 1]"), message);
      assertTrue(message.contains("LoaderLimits.maxTensorBytes"), message);
      // The interpreter is unharmed: nearest neighbour 2x2 → 4x4 repeats each pixel twice.
      float[] expected = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
      assertArrayEquals(
          expected, interpreter.runRaw(feed(new int[] {4, 4}, 2)).get(0).floats(), 0f);
    }
  }

  @Test
  void theLimitIsTheInterpretersOwn() {
    try (Interpreter interpreter = resize(LoaderLimits.DEFAULT.withMaxTensorBytes(4096))) {
      // 40x40 floats are 6400 bytes: allowed by default, over this interpreter's 4096.
      String message = refused(interpreter, feed(new int[] {40, 40}, 2));
      assertTrue(message.contains("[1, 40, 40, 1] (6400 bytes)"), message);
      assertTrue(message.contains("limit of 4096 bytes per tensor"), message);
    }
  }

  @Test
  void aSizeWithinTheLimitsButNotTheDeclaredOneIsRefusedBeforeTheOpRuns() {
    try (Interpreter interpreter =
        model(
            BuiltinOperator.RESIZE_BILINEAR,
            BuiltinOptions.ResizeBilinearOptions,
            new ResizeBilinearOptionsT(),
            LoaderLimits.DEFAULT,
            2)) {
      String message = refused(interpreter, feed(new int[] {1000, 1000}, 2));
      assertTrue(message.contains("RESIZE_BILINEAR"), message);
      assertTrue(message.contains("[1, 1000, 1000, 1], the model declares 'out'"), message);
    }
  }

  @Test
  void hugePaddingsAreRefusedNamingTheOp() {
    try (Interpreter interpreter =
        model(
            BuiltinOperator.PAD,
            BuiltinOptions.PadOptions,
            new PadOptionsT(),
            LoaderLimits.DEFAULT.withMaxTensorBytes(1 << 20),
            4,
            2)) {
      int[] huge = {0, 0, 0, 1 << 15, 0, 1 << 15, 0, 0};
      String message = refused(interpreter, feed(huge, 4, 2));
      assertTrue(message.contains("PAD"), message);
      assertTrue(message.contains("LoaderLimits.maxTensorBytes"), message);
      // One row and column of zeros on each side: 2x2 → 4x4.
      float[] expected = {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0};
      int[] ring = {0, 0, 1, 1, 1, 1, 0, 0};
      assertArrayEquals(expected, interpreter.runRaw(feed(ring, 4, 2)).get(0).floats(), 0f);
    }
  }

  @Test
  void mirrorPaddingsOtherThanDeclaredAreRefused() {
    try (Interpreter interpreter =
        model(
            BuiltinOperator.MIRROR_PAD,
            BuiltinOptions.MirrorPadOptions,
            new MirrorPadOptionsT(),
            LoaderLimits.DEFAULT,
            4,
            2)) {
      // Within MIRROR_PAD's own bound (≤ n - 1 = 1 for REFLECT) but [1,3,3,1], not [1,4,4,1].
      String message = refused(interpreter, feed(new int[] {0, 0, 1, 0, 1, 0, 0, 0}, 4, 2));
      assertTrue(message.contains("MIRROR_PAD"), message);
      assertTrue(message.contains("[1, 3, 3, 1], the model declares"), message);
    }
  }

  @Test
  void aTransposeConvWithAnOutputShapeFedAtRunTimeIsRefusedAtLoad() {
    TestModels.Builder b = new TestModels.Builder();
    int outputShape = b.intInput("output_shape", 4);
    int weights = b.constant("weights", new float[] {1}, 1, 1, 1, 1);
    int image = b.input("image", 1, 2, 2, 1);
    int out = b.tensor("out", 1, 2, 2, 1);
    TransposeConvOptionsT options = new TransposeConvOptionsT();
    options.setStrideH(1);
    options.setStrideW(1);
    b.op(
            BuiltinOperator.TRANSPOSE_CONV,
            BuiltinOptions.TransposeConvOptions,
            options,
            new int[] {outputShape, weights, image},
            out)
        .outputs(out);
    UnsupportedOpException e =
        assertThrows(
            UnsupportedOpException.class, () -> new Interpreter(TestModels.bytes(b.build())));
    assertTrue(e.getMessage().contains("TRANSPOSE_CONV"), e.getMessage());
    assertTrue(e.getMessage().contains("must be a constant"), e.getMessage());
  }
}
