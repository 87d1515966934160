package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;

/**
 * DEQUANTIZE: converts to FLOAT32.
 *
 * <ul>
 *   <li>FLOAT16 input (how MediaPipe models store constant weights): the same values, exactly (the
 *       halves are already held widened to float).
 *   <li>INT8, UINT8 or INT16 input with affine quantization: {@code real = scale · (q -
 *       zeroPoint)}, rounded once to float, per tensor (one scale and zero point) or per channel
 *       (one of each per index along {@code quantizedDimension}).
 * </ul>
 *
 * The input's quantization is read when the op is created and checked there: as many zero points as
 * scales, and for per-channel quantization a valid axis whose size is the number of scales.
 *
 * @param quantization the input's quantization; {@link Quantization#NONE} for a FLOAT16 input
 */
public record Dequantize(Quantization quantization) implements Op {
  static Dequantize create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    TensorSpec input = ctx.input(0);
    switch (input.type()) {
      case FLOAT16 -> {
        return new Dequantize(Quantization.NONE);
      }
      case INT8, UINT8, INT16 -> {
        Quantization q = input.quantization();
        int scales = q.scales().size();
        if (scales == 0) {
          throw ctx.formatError(
              "input " + input.describe() + " is " + input.type() + " without quantization");
        }
        if (q.zeroPoints().size() != scales) {
          throw ctx.formatError(
              "input "
                  + input.describe()
                  + " has "
                  + scales
                  + " scales and "
                  + q.zeroPoints().size()
                  + " zero points");
        }
        int axis = q.quantizedDimension();
        Shape shape = input.shape();
        if (scales > 1 && (axis < 0 || axis >= shape.rank() || shape.dim(axis) != scales)) {
          throw ctx.formatError(
              "input "
                  + input.describe()
                  + " of shape "
                  + shape
                  + " has "
                  + scales
                  + " per-channel scales along dimension "
                  + axis);
        }
        return new Dequantize(q);
      }
      default ->
          throw ctx.unsupported(
              "input "
                  + input.describe()
                  + " is "
                  + input.type()
                  + "; supported are FLOAT16, INT8, UINT8 and INT16");
    }
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    NdArray input = in[0];
    Shape shape = input.shape();
    if (!quantization.isQuantized()) {
      if (!input.isFloating()) {
        throw new ShapeMismatchException("DEQUANTIZE expects FLOAT16, got " + input.type());
      }
      return new NdArray[] {NdArray.of(shape, input.floats().clone())};
    }
    if (input.isFloating()) {
      throw new ShapeMismatchException(
          "DEQUANTIZE expects quantized integers, got " + input.type());
    }
    // The data is split as [outer, channels, inner] around the quantized axis; per-tensor
    // quantization is the case of one channel.
    int channels = quantization.scales().size();
    int axis = quantization.quantizedDimension();
    int outer = 1;
    int inner = shape.size();
    if (channels > 1) {
      if (axis >= shape.rank() || shape.dim(axis) != channels) {
        throw new ShapeMismatchException(
            "DEQUANTIZE input "
                + shape
                + " does not have "
                + channels
                + " channels along dimension "
                + axis);
      }
      inner = 1;
      for (int d = 0; d < shape.rank(); d++) {
        if (d < axis) {
          outer *= shape.dim(d);
        } else if (d > axis) {
          inner *= shape.dim(d);
        }
      }
    }
    int[] q = input.ints();
    float[] output = new float[q.length];
    for (int o = 0; o < outer; o++) {
      for (int c = 0; c < channels; c++) {
        double scale = quantization.scales().get(c);
        long zeroPoint = quantization.zeroPoints().get(c);
        int base = (o * channels + c) * inner;
        for (int i = base; i < base + inner; i++) {
          // exact in double (a 24-bit scale times a 17-bit difference), then rounded once
          output[i] = (float) (scale * (q[i] - zeroPoint));
        }
      }
    }
    return new NdArray[] {NdArray.of(shape, output)};
  }
}
