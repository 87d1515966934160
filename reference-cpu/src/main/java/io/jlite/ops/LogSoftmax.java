package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;

/**
 * LOG_SOFTMAX: along the last axis, {@code out[c] = (x[c] - max) - log(Σ_k exp(x[k] - max))} where
 * {@code max} is the row's maximum, the log of {@link Softmax} with beta 1 computed without
 * underflow; exponentials and the sum in float, as TFLite's reference kernel. Float tensors of rank
 * ≥ 1.
 */
public record LogSoftmax() implements Op {
  static LogSoftmax create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    if (!ctx.input(0).type().isFloating()) {
      throw ctx.unsupported("LOG_SOFTMAX of " + ctx.input(0).type() + " tensors");
    }
    return new LogSoftmax();
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape shape = in[0].shape();
    if (shape.rank() < 1) {
      throw new ShapeMismatchException("LOG_SOFTMAX needs rank ≥ 1, got " + shape);
    }
    int depth = shape.dim(-1);
    int rows = depth == 0 ? 0 : shape.size() / depth;
    float[] input = in[0].floats();
    float[] output = new float[input.length];
    for (int r = 0; r < rows; r++) {
      int base = r * depth;
      float max = -Float.MAX_VALUE;
      for (int c = 0; c < depth; c++) {
        max = input[base + c] > max ? input[base + c] : max;
      }
      float sum = 0f;
      for (int c = 0; c < depth; c++) {
        sum += (float) Math.exp(input[base + c] - max);
      }
      float logSum = (float) Math.log(sum);
      for (int c = 0; c < depth; c++) {
        output[base + c] = input[base + c] - max - logSum;
      }
    }
    return new NdArray[] {NdArray.ofFloats(in[0].type(), shape, output)};
  }
}
