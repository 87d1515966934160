package io.jlite.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.DataType;
import io.jlite.ir.NdArray;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Helpers shared by the tests of the convolution, fully connected and pooling ops. */
final class ConvTestSupport {
  private ConvTestSupport() {}

  static NdArray array(float[] data, int... dims) {
    return NdArray.of(Shape.of(dims), data);
  }

  /** Values 1, 2, 3, ... in the given shape. */
  static NdArray iota(int... dims) {
    float[] data = new float[Shape.of(dims).size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = i + 1;
    }
    return NdArray.of(Shape.of(dims), data);
  }

  /** Uniform values in [-1, 1). */
  static NdArray random(Random random, int... dims) {
    float[] data = new float[Shape.of(dims).size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat() * 2 - 1;
    }
    return NdArray.of(Shape.of(dims), data);
  }

  /** A non-constant float tensor spec. */
  static TensorSpec spec(int index, DataType type, int... dims) {
    return new TensorSpec(
        index, "t" + index, type, Shape.of(dims), Quantization.NONE, Optional.empty());
  }

  static TensorSpec constantSpec(int index, NdArray value) {
    return new TensorSpec(
        index, "t" + index, value.type(), value.shape(), Quantization.NONE, Optional.of(value));
  }

  /** An op context with the given options, inputs (null = absent) and one output. */
  static OpContext context(
      String opName, Object options, ByteBuffer custom, TensorSpec output, TensorSpec... inputs) {
    List<Optional<TensorSpec>> in = new ArrayList<>();
    for (TensorSpec t : inputs) {
      in.add(Optional.ofNullable(t));
    }
    return new OpContext("test.tflite", 0, opName, options, custom, in, List.of(output));
  }

  static OpContext context(String opName, Object options, TensorSpec output, TensorSpec... inputs) {
    return context(opName, options, ByteBuffer.allocate(0), output, inputs);
  }

  static void assertValues(float[] expected, NdArray actual, int... expectedDims) {
    assertEquals(Shape.of(expectedDims), actual.shape(), "shape");
    float[] got = actual.floats();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i],
          got[i],
          1e-5f * Math.max(1f, Math.abs(expected[i])),
          "element " + i + " of " + Arrays.toString(got));
    }
  }

  /** Elementwise comparison with a tolerance relative to the largest magnitude involved. */
  static void assertClose(NdArray expected, NdArray actual) {
    assertEquals(expected.shape(), actual.shape(), "shape");
    float[] e = expected.floats();
    float[] a = actual.floats();
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], a[i], 1e-5f * Math.max(1f, Math.abs(e[i])), "element " + i);
    }
  }

  static double dot(NdArray a, NdArray b) {
    assertEquals(a.shape(), b.shape(), "shapes of the inner product");
    double sum = 0;
    for (int i = 0; i < a.floats().length; i++) {
      sum += (double) a.floats()[i] * b.floats()[i];
    }
    return sum;
  }

  /** Elementwise absolute value. */
  static NdArray abs(NdArray a) {
    float[] data = new float[a.floats().length];
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.abs(a.floats()[i]);
    }
    return NdArray.of(a.shape(), data);
  }
}
