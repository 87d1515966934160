package io.jlite.ops;

import io.jlite.DataType;
import io.jlite.ir.NdArray;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds ops through the standard registry and small values for the elementwise op tests. */
final class ElementwiseTestSupport {
  private ElementwiseTestSupport() {}

  /** A non-constant tensor declaration. */
  static TensorSpec spec(DataType type, int... dims) {
    return spec(type, Quantization.NONE, dims);
  }

  static TensorSpec spec(DataType type, Quantization quantization, int... dims) {
    return new TensorSpec(0, "t", type, Shape.of(dims), quantization, Optional.empty());
  }

  /** The op {@code opName} with the given options (or none) over the given inputs. */
  static Op buildOp(String opName, Object options, DataType outputType, TensorSpec... inputs) {
    List<Optional<TensorSpec>> in = new ArrayList<>();
    for (TensorSpec t : inputs) {
      in.add(Optional.of(t));
    }
    OpContext ctx =
        new OpContext(
            "test.tflite",
            0,
            opName,
            options,
            ByteBuffer.allocate(0),
            in,
            List.of(spec(outputType, inputs[0].shape().toArray())));
    return OpRegistry.standard().create(ctx);
  }

  /** The op over FLOAT32 inputs of the given shapes (shapes do not matter to elementwise ops). */
  static Op buildFloatOp(String opName, Object options, int inputCount) {
    TensorSpec[] in = new TensorSpec[inputCount];
    for (int i = 0; i < inputCount; i++) {
      in[i] = spec(DataType.FLOAT32, 1);
    }
    return buildOp(opName, options, DataType.FLOAT32, in);
  }

  static NdArray floats(int[] dims, float... values) {
    return NdArray.of(Shape.of(dims), values);
  }

  static NdArray vector(float... values) {
    return NdArray.of(Shape.of(values.length), values);
  }

  static NdArray scalar(float value) {
    return NdArray.of(Shape.scalar(), new float[] {value});
  }

  static NdArray ints(int[] dims, int... values) {
    return NdArray.ofInts(DataType.INT32, Shape.of(dims), values);
  }

  static int[] dims(int... dims) {
    return dims;
  }

  /** Runs a single-output op. */
  static NdArray runOp(Op op, NdArray... inputs) {
    NdArray[] out = op.apply(inputs);
    if (out.length != 1) {
      throw new AssertionError("expected one output, got " + out.length);
    }
    return out[0];
  }

  /** Runs a unary float op on a vector. */
  static float[] unary(String opName, Object options, float... values) {
    return runOp(buildFloatOp(opName, options, 1), vector(values)).floats();
  }
}
