package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Op;

/**
 * A 1×1 CONV_2D whose output only a DEPTHWISE_CONV_2D reads, computed as one op (the expansion and
 * depthwise steps of an inverted-residual block): {@code depthwise(pointwise(x))}. Inputs: the
 * pointwise input, filter and bias, then the depthwise filter and bias (a bias may be absent).
 *
 * @param pointwise the 1×1, stride-1 convolution
 * @param depthwise a {@link DepthwiseConv2D}, or a {@link PaddedConv} of one
 * @param intermediate the tensor the pointwise op wrote (no kernel writes it any more; its shape
 *     describes the depthwise input)
 * @param pointwiseIndex the model's op index of the pointwise op (the node has the depthwise op's)
 */
public record PointwiseDepthwise(
    Conv2D pointwise, Op depthwise, int intermediate, int pointwiseIndex)
    implements MergedProducer {
  /** The op name of fused nodes, which picks their GPU template. */
  public static final String OP_NAME = "CONV_2D_DEPTHWISE";

  public PointwiseDepthwise {
    Op inner = depthwise instanceof PaddedConv p ? p.conv() : depthwise;
    if (!(inner instanceof DepthwiseConv2D)) {
      throw new IllegalArgumentException("not a depthwise convolution: " + depthwise);
    }
  }

  @Override
  public int producerIndex() {
    return pointwiseIndex;
  }

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    NdArray mid = pointwise.apply(new NdArray[] {inputs[0], inputs[1], inputs[2]})[0];
    return depthwise.apply(new NdArray[] {mid, inputs[3], inputs[4]});
  }
}
