package io.jlite.ops;

import io.jlite.ir.NdArray;
import org.tensorflow.lite.schema.SubOptionsT;

/**
 * SUB: {@code out = activation(a - b)}, elementwise with numpy broadcasting of the two inputs.
 * FLOAT32 and FLOAT16 inputs compute in float. INT32 inputs (no fused activation) subtract in int,
 * wrapping on overflow.
 *
 * @param activation the fused activation
 */
public record Sub(Activation activation) implements Op {
  static Sub create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    SubOptionsT options = ctx.options(SubOptionsT.class, SubOptionsT::new);
    Sub op = new Sub(Activation.fromSchema(options.getFusedActivationFunction(), ctx));
    ElementwiseOps.requireBinaryTypes(ctx, true, op.activation);
    return op;
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {
      Broadcast.apply(in[0], in[1], (a, b) -> activation.apply(a - b), (a, b) -> a - b)
    };
  }
}
