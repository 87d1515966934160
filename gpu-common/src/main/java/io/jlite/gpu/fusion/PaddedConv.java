package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
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
    SpatialPadding.check(padTop, padBottom, padLeft, padRight);
  }

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    NdArray[] convInputs = inputs.clone();
    convInputs[0] = SpatialPadding.pad(inputs[0], padTop, padBottom, padLeft, padRight);
    return conv.apply(convInputs);
  }
}
