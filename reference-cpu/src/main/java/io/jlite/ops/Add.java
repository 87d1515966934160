package io.jlite.ops;

import io.jlite.ir.NdArray;
import org.tensorflow.lite.schema.AddOptionsT;

/**
 * ADD: {@code out = activation(a + b)}, elementwise with numpy broadcasting of the two inputs.
 *
 * @param activation the fused activation
 */
public record Add(Activation activation) implements Op {
  static Add create(OpContext ctx) {
    ctx.requireInputCount(2, 2);
    AddOptionsT options = ctx.options(AddOptionsT.class, AddOptionsT::new);
    return new Add(Activation.fromSchema(options.getFusedActivationFunction(), ctx));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.apply(in[0], in[1], (a, b) -> activation.apply(a + b))};
  }
}
