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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TransposeTest {
  @Test
  void swapsTheAxesOfAMatrix() {
    // [[0, 1, 2], [3, 4, 5]]ᵀ = [[0, 3], [1, 4], [2, 5]]
    Op op = makeOp("TRANSPOSE", null, input(DataType.FLOAT32, 2, 3), constInts(1, 0));
    assertFloats(run(op, iota(2, 3)), dims(3, 2), 0, 3, 1, 4, 2, 5);
  }

  @Test
  void movesChannelsFirst() {
    // NHWC [1, 2, 2, 2] → NCHW with perm [0, 3, 1, 2]: channel 0 holds elements 0, 2, 4, 6 and
    // channel 1 holds 1, 3, 5, 7. Integers move the same way.
    Op op = makeOp("TRANSPOSE", null, input(DataType.INT32, 1, 2, 2, 2), constInts(0, 3, 1, 2));
    NdArray in = ints(dims(1, 2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7);
    assertInts(run(op, in), dims(1, 2, 2, 2), 0, 2, 4, 6, 1, 3, 5, 7);
  }

  @Test
  void rejectsAnythingButAPermutation() {
    Op op = makeOp("TRANSPOSE", null, input(DataType.FLOAT32, 2, 3), intSpec(2));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(2, 3), intVector(0, 0)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(2, 3), intVector(0, 2)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(2, 3), intVector(-1, 0)));
    assertThrows(ShapeMismatchException.class, () -> run(op, iota(2, 3), intVector(0)));
  }

  /**
   * Each output element is found independently: decode its flat index into a multi-index {@code j}
   * of the output shape by repeated division, set {@code x[perm[i]] = j[i]}, and encode {@code x}
   * against the input shape. Input values are their own flat indices, so the output value must be
   * that encoded index.
   */
  @Property(tries = 200)
  void movesEveryElementWhereThePermutationSays(
      @ForAll @IntRange(min = 1, max = 4) int rank, @ForAll long seed) {
    Random random = new Random(seed);
    int[] inDims = new int[rank];
    for (int d = 0; d < rank; d++) {
      inDims[d] = 1 + random.nextInt(4);
    }
    List<Integer> permList = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      permList.add(d);
    }
    Collections.shuffle(permList, random);
    int[] perm = permList.stream().mapToInt(Integer::intValue).toArray();

    Op op = makeOp("TRANSPOSE", null, input(DataType.FLOAT32, inDims), constInts(perm));
    NdArray out = run(op, iota(inDims));

    int[] outDims = new int[rank];
    for (int i = 0; i < rank; i++) {
      outDims[i] = inDims[perm[i]];
    }
    assertEquals(Shape.of(outDims), out.shape());
    float[] values = out.floats();
    for (int flat = 0; flat < values.length; flat++) {
      int[] j = new int[rank];
      int rest = flat;
      for (int i = rank - 1; i >= 0; i--) {
        j[i] = rest % outDims[i];
        rest /= outDims[i];
      }
      int[] x = new int[rank];
      for (int i = 0; i < rank; i++) {
        x[perm[i]] = j[i];
      }
      int source = 0;
      for (int d = 0; d < rank; d++) {
        source = source * inDims[d] + x[d];
      }
      assertEquals(source, values[flat], 0f, "output element " + flat);
    }
  }
}
