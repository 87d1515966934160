package io.jlite.ops;

import io.jlite.ModelFormatException;
import io.jlite.ShapeMismatchException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an {@link OpFactory} sees of one operator of the model: its options (the official schema's
 * object API classes, e.g. {@code Conv2DOptionsT}), custom options bytes, and the declared input
 * and output tensors. Its error helpers put the model, op index and op name in every message.
 *
 * @param builtinOptions the unpacked builtin options table, or {@code null} when the model has none
 */
public record OpContext(
    String source,
    int opIndex,
    String opName,
    Object builtinOptions,
    ByteBuffer customOptions,
    List<Optional<TensorSpec>> inputs,
    List<TensorSpec> outputs) {

  public OpContext {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    customOptions = customOptions.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * The builtin options as the given object-API class, or {@code defaults.get()} when the model
   * omits them (TFLite then uses the schema defaults too).
   */
  public <T> T options(Class<T> type, Supplier<T> defaults) {
    if (builtinOptions == null) {
      return defaults.get();
    }
    if (!type.isInstance(builtinOptions)) {
      throw formatError(
          "options are "
              + builtinOptions.getClass().getSimpleName()
              + ", expected "
              + type.getSimpleName());
    }
    return type.cast(builtinOptions);
  }

  /** The custom options bytes, little-endian and read-only (empty for builtin ops). */
  @Override
  public ByteBuffer customOptions() {
    return customOptions.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Checks that the op has between {@code min} and {@code max} inputs. */
  public void requireInputCount(int min, int max) {
    if (inputs.size() < min || inputs.size() > max) {
      throw formatError(
          "has " + inputs.size() + " inputs, expected " + (min == max ? min : min + ".." + max));
    }
    for (int i = 0; i < min; i++) {
      if (inputs.get(i).isEmpty()) {
        throw formatError("required input " + i + " is missing");
      }
    }
  }

  /** The declared input {@code i}; it must be present. */
  public TensorSpec input(int i) {
    if (i >= inputs.size() || inputs.get(i).isEmpty()) {
      throw formatError("required input " + i + " is missing");
    }
    return inputs.get(i).get();
  }

  /** The constant value of input {@code i}, which the op needs at preparation time. */
  public NdArray constantInput(int i) {
    TensorSpec t = input(i);
    return t.constant()
        .orElseThrow(
            () ->
                new UnsupportedOpException(
                    opName, where() + ": input " + t.describe() + " must be a constant tensor"));
  }

  /** "model: op #i NAME", the prefix of every message about this op. */
  public String where() {
    return source + ": op #" + opIndex + " " + opName;
  }

  /**
   * Checks a 2-D window parameter (stride, dilation, filter size, given as height and width) is at
   * least 1: a zero or negative one would make output sizes divide by zero or loop forever.
   */
  public void requireAtLeastOne(String parameter, int height, int width) {
    if (height < 1 || width < 1) {
      throw formatError("has " + parameter + " " + height + "x" + width + "; it must be ≥ 1");
    }
  }

  public ModelFormatException formatError(String what) {
    return new ModelFormatException(where() + " " + what);
  }

  public UnsupportedOpException unsupported(String what) {
    return new UnsupportedOpException(opName, where() + ": " + what);
  }

  public ShapeMismatchException shapeError(String what) {
    return new ShapeMismatchException(where() + ": " + what);
  }
}
