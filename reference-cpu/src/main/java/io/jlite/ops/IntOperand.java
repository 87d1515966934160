package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An integer operand that parameterises an op rather than carrying data: a new shape, axes,
 * paddings, slice begin/size/end/strides, a permutation, an output size. TFLite passes these as
 * int32 (sometimes int64) tensors; when the model stores the tensor as a constant its value is
 * known at load time and kept here, otherwise it is read from the op's input at run time. {@link
 * #values} is the one code path for both.
 *
 * @param input the op input that carries the operand, or -1 when it comes from the op's options
 * @param constant the operand's value when it is known at load time
 */
public record IntOperand(int input, Optional<List<Integer>> constant) {

  public IntOperand {
    constant = constant.map(List::copyOf);
    if (input < 0 && constant.isEmpty()) {
      throw new IllegalArgumentException("an operand from the options must be constant");
    }
  }

  /** Input {@code i} of the op, which must be present and of an integer type. */
  static IntOperand fromInput(OpContext ctx, int i) {
    TensorSpec t = ctx.input(i);
    if (t.type().isFloating()) {
      throw ctx.formatError(
          "input " + t.describe() + " must be an integer tensor, not " + t.type());
    }
    return new IntOperand(i, t.constant().map(IntOperand::toList));
  }

  /** A constant operand taken from the op's options. */
  static IntOperand ofConstant(int... values) {
    return new IntOperand(-1, Optional.of(toList(values)));
  }

  /** The operand's values: the constant if known, else the op's input at run time (a copy). */
  int[] values(NdArray[] inputs) {
    if (constant.isPresent()) {
      List<Integer> c = constant.get();
      int[] out = new int[c.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = c.get(i);
      }
      return out;
    }
    NdArray value = input < inputs.length ? inputs[input] : null;
    if (value == null || value.isFloating()) {
      throw new ShapeMismatchException(
          "input " + input + " must be an integer tensor, got " + value);
    }
    return value.ints().clone();
  }

  /** The single value of a scalar (or one-element) operand such as an axis. */
  int scalar(NdArray[] inputs, String opName) {
    int[] v = values(inputs);
    if (v.length != 1) {
      throw new ShapeMismatchException(
          opName + ": input " + input + " must hold one value, has " + v.length);
    }
    return v[0];
  }

  private static List<Integer> toList(NdArray value) {
    return toList(value.ints());
  }

  private static List<Integer> toList(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int v : values) {
      list.add(v);
    }
    return Collections.unmodifiableList(list);
  }
}
