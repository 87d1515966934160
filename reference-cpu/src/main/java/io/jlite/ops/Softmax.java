package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.SoftmaxOptionsT;

/**
 * SOFTMAX: along the last axis, {@code out[c] = exp(beta·(x[c] - max)) / Σ_k exp(beta·(x[k] -
 * max))} where {@code max} is the row's maximum (subtracted for stability; it cancels out). As in
 * TFLite's reference kernel the exponentials are computed in float and summed in float in order.
 * Float tensors of rank ≥ 1.
 *
 * @param beta the inverse temperature
 */
public record Softmax(float beta) implements Op {
  static Softmax create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    if (!ctx.input(0).type().isFloating()) {
      throw ctx.unsupported("SOFTMAX of " + ctx.input(0).type() + " tensors");
    }
    SoftmaxOptionsT o = ctx.options(SoftmaxOptionsT.class, SoftmaxOptionsT::new);
    return new Softmax(o.getBeta());
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape shape = in[0].shape();
    if (shape.rank() < 1) {
      throw new ShapeMismatchException("SOFTMAX needs rank ≥ 1, got " + shape);
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
        float e = (float) Math.exp((input[base + c] - max) * beta);
        output[base + c] = e;
        sum += e;
      }
      for (int c = 0; c < depth; c++) {
        output[base + c] = output[base + c] / sum;
      }
    }
    return new NdArray[] {NdArray.ofFloats(in[0].type(), shape, output)};
  }
}
