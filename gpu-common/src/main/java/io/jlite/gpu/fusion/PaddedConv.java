package io.jlite.gpu.fusion;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Op;

/**
 * A CONV_2D or DEPTHWISE_CONV_2D with a zero PAD of its input's H and W axes merged into it: {@code
 * conv(pad(x))} computed as one op, so the GPU never writes the padded tensor. The conv's own
 * padding still applies to the padded size, exactly as the two ops in sequence.
 *
 * @param conv a {@link Conv2D} or {@link DepthwiseConv2D}
 */
public record PaddedConv(Op conv, int padTop, int padBottom, int padLeft, int padRight)
    implements Op {
  public PaddedConv {
    if (!(conv instanceof Conv2D) && !(conv instanceof DepthwiseConv2D)) {
      throw new IllegalArgumentException("only convolutions take a merged PAD, got " + conv);
    }
    if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
      throw new IllegalArgumentException("negative merged padding");
    }
  }

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    NdArray x = inputs[0];
    Shape s = x.shape();
    if (s.rank() != 4) {
      throw new ShapeMismatchException("merged PAD needs a rank-4 input, got " + s);
    }
    Shape padded =
        Shape.of(s.dim(0), s.dim(1) + padTop + padBottom, s.dim(2) + padLeft + padRight, s.dim(3));
    float[] out = new float[padded.size()];
    float[] in = x.floats();
    for (int b = 0; b < s.dim(0); b++) {
      for (int y = 0; y < s.dim(1); y++) {
        for (int xx = 0; xx < s.dim(2); xx++) {
          System.arraycopy(
              in,
              s.offset(b, y, xx, 0),
              out,
              padded.offset(b, y + padTop, xx + padLeft, 0),
              s.dim(3));
        }
      }
    }
    NdArray[] convInputs = inputs.clone();
    convInputs[0] = NdArray.of(padded, out);
    return conv.apply(convInputs);
  }
}
