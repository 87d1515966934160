package io.jlite.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.DataType;
import io.jlite.ir.NdArray;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the tensor ops through the standard registry, and small values, for their tests. */
final class TensorOpTestSupport {
  private TensorOpTestSupport() {}

  /** A non-constant tensor declaration. */
  static TensorSpec input(DataType type, int... dims) {
    return new TensorSpec(0, "x", type, Shape.of(dims), Quantization.NONE, Optional.empty());
  }

  /** A constant INT32 vector declaration holding {@code values}. */
  static TensorSpec constInts(int... values) {
    Shape shape = Shape.of(values.length);
    return new TensorSpec(
        1,
        "c",
        DataType.INT32,
        shape,
        Quantization.NONE,
        Optional.of(NdArray.ofInts(DataType.INT32, shape, values.clone())));
  }

  /** A non-constant INT32 vector declaration of the given length. */
  static TensorSpec intSpec(int length) {
    return input(DataType.INT32, length);
  }

  /** The op {@code opName} with the given options (or null) and {@code outputs} outputs. */
  static Op makeOp(String opName, Object options, int outputs, TensorSpec... inputs) {
    List<Optional<TensorSpec>> in = new ArrayList<>();
    for (TensorSpec t : inputs) {
      in.add(Optional.of(t));
    }
    List<TensorSpec> out = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      out.add(input(inputs[0].type(), 1));
    }
    OpContext ctx =
        new OpContext("test.tflite", 0, opName, options, ByteBuffer.allocate(0), in, out);
    return OpRegistry.standard().create(ctx);
  }

  /** The op with one output declared as {@code output}, for ops that check it when built. */
  static Op makeOpDeclaring(
      String opName, Object options, TensorSpec output, TensorSpec... inputs) {
    List<Optional<TensorSpec>> in = new ArrayList<>();
    for (TensorSpec t : inputs) {
      in.add(Optional.of(t));
    }
    OpContext ctx =
        new OpContext(
            "test.tflite", 0, opName, options, ByteBuffer.allocate(0), in, List.of(output));
    return OpRegistry.standard().create(ctx);
  }

  /** {@link #makeOp} with one output. */
  static Op makeOp(String opName, Object options, TensorSpec... inputs) {
    return makeOp(opName, options, 1, inputs);
  }

  static NdArray floats(int[] dims, float... values) {
    return NdArray.of(Shape.of(dims), values);
  }

  static NdArray ints(int[] dims, int... values) {
    return NdArray.ofInts(DataType.INT32, Shape.of(dims), values);
  }

  static NdArray intVector(int... values) {
    return ints(new int[] {values.length}, values);
  }

  static int[] dims(int... dims) {
    return dims;
  }

  /** 0, 1, 2, … as floats in the given shape. */
  static NdArray iota(int... dims) {
    float[] v = new float[Shape.of(dims).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return floats(dims, v);
  }

  /** Runs a single-output op. */
  static NdArray run(Op op, NdArray... inputs) {
    NdArray[] out = op.apply(inputs);
    assertEquals(1, out.length, "output count");
    return out[0];
  }

  static void assertFloats(NdArray actual, int[] dims, float... expected) {
    assertEquals(Shape.of(dims), actual.shape(), "shape");
    assertArrayEquals(expected, actual.floats(), 1e-5f, () -> "values of " + actual);
  }

  static void assertInts(NdArray actual, int[] dims, int... expected) {
    assertEquals(Shape.of(dims), actual.shape(), "shape");
    assertArrayEquals(expected, actual.ints(), () -> "values of " + actual);
  }
}
