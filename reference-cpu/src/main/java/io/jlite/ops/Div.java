package io.jlite.ops;

import io.jlite.ir.NdArray;
import org.tensorflow.lite.schema.DivOptionsT;

/**
 * DIV: {@code out = activation(a / b)}, elementwise with numpy broadcasting of the two inputs.
 * FLOAT32 and FLOAT16 inputs compute in float. Float division by zero gives ±infinity or NaN as
 * IEEE 754 says. INT32 inputs (no fused activation) divide in int, truncating toward zero as C++
 * does; an INT32 division by zero is an error ({@link ArithmeticException}).
 *
 * @param activation the fused activation
 */
public record Div(Activation activation) implements Op {
  static Div create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    DivOptionsT options = ctx.options(DivOptionsT.class, DivOptionsT::new);
    Div op = new Div(Activation.fromSchema(options.getFusedActivationFunction(), ctx));
    ElementwiseOps.requireBinaryTypes(ctx, true, op.activation);
    return op;
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {
      Broadcast.apply(in[0], in[1], (a, b) -> activation.apply(a / b), (a, b) -> a / b)
    };
  }
}
