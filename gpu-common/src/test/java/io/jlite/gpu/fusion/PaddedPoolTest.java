package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Padding;
import io.jlite.ops.Pool2D;
import io.jlite.ops.Relu;
import org.junit.jupiter.api.Test;

/** A merged PAD's zeros are elements of the pooling window; the pooling's own padding is not. */
class PaddedPoolTest {
  // [[-1, -2], [-3, -4]], one channel
  private static final NdArray X = NdArray.of(Shape.of(1, 2, 2, 1), new float[] {-1, -2, -3, -4});
  private static final Pool2D TWO_BY_TWO = new Pool2D(Padding.VALID, 2, 2, 2, 2, Activation.NONE);

  @Test
  void maxOverAPaddedBorderIncludesTheZeros() {
    // padded by 1 all round to 4x4: each 2x2 window holds one element and three zeros
    PaddedPool p = new PaddedPool(new MaxPool2D(TWO_BY_TWO), 1, 1, 1, 1);
    assertArrayEquals(new float[] {0, 0, 0, 0}, p.apply(new NdArray[] {X})[0].floats());
    // the pooling's own SAME padding over the same input leaves the border out
    MaxPool2D same = new MaxPool2D(new Pool2D(Padding.SAME, 1, 1, 2, 2, Activation.NONE));
    assertArrayEquals(new float[] {-1, -2, -3, -4}, same.apply(new NdArray[] {X})[0].floats());
  }

  @Test
  void averageCountsTheZerosInItsDivisor() {
    PaddedPool p = new PaddedPool(new AveragePool2D(TWO_BY_TWO), 1, 1, 1, 1);
    assertArrayEquals(
        new float[] {-0.25f, -0.5f, -0.75f, -1}, p.apply(new NdArray[] {X})[0].floats());
  }

  @Test
  void onlyPoolingsTakeAMergedPad() {
    assertThrows(IllegalArgumentException.class, () -> new PaddedPool(new Relu(), 1, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PaddedPool(new MaxPool2D(TWO_BY_TWO), -1, 0, 0, 0));
  }
}
