package io.jlite.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BroadcastPropertyTest {

  /**
   * Operands built from a random output shape: each has a random rank up to the output's and, at
   * each of its (right-aligned) axes, either the output's size or 1 (bit {@code d} of its mask).
   */
  @Property(tries = 300)
  void broadcastMatchesNaiveNumpyIndexing(
      @ForAll @Size(4) List<@IntRange(min = 1, max = 3) Integer> outDims,
      @ForAll @IntRange(min = 0, max = 4) int outRank,
      @ForAll @IntRange(min = 0, max = 4) int rankA,
      @ForAll @IntRange(min = 0, max = 15) int onesA,
      @ForAll @IntRange(min = 0, max = 4) int rankB,
      @ForAll @IntRange(min = 0, max = 15) int onesB) {
    int[] out = new int[outRank];
    for (int d = 0; d < outRank; d++) {
      out[d] = outDims.get(d);
    }
    int[] a = operand(out, Math.min(rankA, outRank), onesA);
    int[] b = operand(out, Math.min(rankB, outRank), onesB);
    // numpy: the rank is the larger rank; at each right-aligned axis the size is the one that is
    // not 1 (here each operand has either the output's size or 1 there)
    int rank = Math.max(a.length, b.length);
    int[] expectedShape = new int[rank];
    for (int d = 0; d < rank; d++) {
      expectedShape[d] = Math.max(dimAligned(a, d, rank), dimAligned(b, d, rank));
    }

    // element i of a operand holds i, so each result names the two elements it was made from
    float[] av = iota(a);
    float[] bv = iota(b);
    NdArray result =
        Broadcast.apply(
            NdArray.of(Shape.of(a), av), NdArray.of(Shape.of(b), bv), (x, y) -> x * 1000 + y);
    NdArray intResult =
        Broadcast.applyInts(
            NdArray.ofInts(DataType.INT32, Shape.of(a), toInts(av)),
            NdArray.ofInts(DataType.INT32, Shape.of(b), toInts(bv)),
            (x, y) -> x * 1000 + y);
    assertEquals(Shape.of(expectedShape), result.shape());
    assertEquals(Shape.of(expectedShape), intResult.shape());

    int size = 1;
    for (int d : expectedShape) {
      size *= d;
    }
    float[] expected = new float[size];
    for (int flat = 0; flat < size; flat++) {
      int[] index = unravel(flat, expectedShape);
      expected[flat] = naiveIndex(a, index) * 1000 + naiveIndex(b, index);
    }
    assertArrayEquals(expected, result.floats());
    assertArrayEquals(toInts(expected), intResult.ints());
  }

  /** An operand of rank {@code rank} over {@code out}: size 1 where {@code ones} has a bit. */
  private static int[] operand(int[] out, int rank, int ones) {
    int[] dims = new int[rank];
    for (int k = 0; k < rank; k++) {
      int axis = out.length - rank + k;
      dims[k] = (ones >> axis & 1) != 0 ? 1 : out[axis];
    }
    return dims;
  }

  /** The size of {@code dims} at axis {@code d} of a rank-{@code rank} shape, right-aligned. */
  private static int dimAligned(int[] dims, int d, int rank) {
    int k = d - (rank - dims.length);
    return k < 0 ? 1 : dims[k];
  }

  /** Row-major multi-index of {@code flat}, by repeated division from the last axis. */
  private static int[] unravel(int flat, int[] shape) {
    int[] index = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = flat % shape[d];
      flat /= shape[d];
    }
    return index;
  }

  /**
   * The numpy rule written out: the operand's axes match the output's trailing axes, and a size-1
   * axis always reads coordinate 0. Returns the operand's row-major flat index.
   */
  private static int naiveIndex(int[] dims, int[] outIndex) {
    int flat = 0;
    for (int k = 0; k < dims.length; k++) {
      int coordinate = dims[k] == 1 ? 0 : outIndex[outIndex.length - dims.length + k];
      flat = flat * dims[k] + coordinate;
    }
    return flat;
  }

  private static float[] iota(int[] dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return v;
  }

  private static int[] toInts(float[] v) {
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (int) v[i];
    }
    return r;
  }

  @Example
  void incompatibleShapesThrow() {
    assertThrows(ShapeMismatchException.class, () -> Broadcast.shape(Shape.of(2, 3), Shape.of(2)));
    assertThrows(
        ShapeMismatchException.class, () -> Broadcast.shape(Shape.of(4, 1), Shape.of(3, 1)));
  }

  @Example
  void scalarAndZeroSizedShapes() {
    assertEquals(Shape.of(2, 3), Broadcast.shape(Shape.scalar(), Shape.of(2, 3)));
    assertEquals(Shape.scalar(), Broadcast.shape(Shape.scalar(), Shape.scalar()));
    // a size-0 axis broadcasts against 1 as numpy does
    assertEquals(Shape.of(0, 3), Broadcast.shape(Shape.of(0, 1), Shape.of(1, 3)));
  }

  @Example
  void mixedKindsAreRejected() {
    NdArray f = NdArray.of(Shape.of(1), new float[] {1});
    NdArray i = NdArray.ofInts(DataType.INT32, Shape.of(1), new int[] {1});
    assertThrows(ShapeMismatchException.class, () -> Broadcast.apply(f, i, (x, y) -> x));
    assertThrows(ShapeMismatchException.class, () -> Broadcast.applyInts(i, f, (x, y) -> x));
    assertThrows(ShapeMismatchException.class, () -> Broadcast.map(i, x -> x));
  }
}
