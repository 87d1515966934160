package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Op;

/**
 * A DEPTHWISE_CONV_2D whose output only a 1×1 CONV_2D reads, computed as one op (the separable
 * convolution of MobileNet-style blocks): {@code pointwise(depthwise(x))}. Inputs: the depthwise
 * input, filter and bias, then the pointwise filter and bias (a bias may be absent).
 *
 * @param depthwise a {@link DepthwiseConv2D}, or a {@link PaddedConv} of one
 * @param pointwise the 1×1, stride-1 convolution
 * @param intermediate the tensor the depthwise op wrote (no kernel writes it any more; its shape
 *     describes the pointwise input)
 * @param depthwiseIndex the model's op index of the depthwise op (the node has the pointwise op's)
 */
public record DepthwisePointwise(
    Op depthwise, Conv2D pointwise, int intermediate, int depthwiseIndex)
    implements MergedProducer {
  /** The op name of fused nodes, which picks their GPU template. */
  public static final String OP_NAME = "DEPTHWISE_CONV_2D_POINTWISE";

  public DepthwisePointwise {
    Op inner = depthwise instanceof PaddedConv p ? p.conv() : depthwise;
    if (!(inner instanceof DepthwiseConv2D)) {
      throw new IllegalArgumentException("not a depthwise convolution: " + depthwise);
    }
  }

  @Override
  public int producerIndex() {
    return depthwiseIndex;
  }

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    NdArray mid = depthwise.apply(new NdArray[] {inputs[0], inputs[1], inputs[2]})[0];
    return pointwise.apply(new NdArray[] {mid, inputs[3], inputs[4]});
  }
}
