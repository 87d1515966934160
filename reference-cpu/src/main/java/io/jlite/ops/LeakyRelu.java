package io.jlite.ops;

import io.jlite.ir.NdArray;
import org.tensorflow.lite.schema.LeakyReluOptionsT;

/**
 * LEAKY_RELU: {@code out = x > 0 ? x : alpha · x} in float, elementwise on a FLOAT32 or FLOAT16
 * input. The schema's default {@code alpha} is 0; a non-finite alpha is rejected.
 *
 * @param alpha the slope for non-positive inputs
 */
public record LeakyRelu(float alpha) implements Op {
  static LeakyRelu create(OpContext ctx) {
    ElementwiseOps.requireFloatUnary(ctx);
    LeakyReluOptionsT options = ctx.options(LeakyReluOptionsT.class, LeakyReluOptionsT::new);
    float alpha = options.getAlpha();
    if (!Float.isFinite(alpha)) {
      throw ctx.formatError("has alpha " + alpha + ", which must be finite");
    }
    return new LeakyRelu(alpha);
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    return new NdArray[] {Broadcast.map(in[0], x -> x > 0f ? x : x * alpha)};
  }
}
