package io.jlite.gpu.fusion;

import io.jlite.ir.NdArray;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Mul;

/**
 * A MUL of a tensor by a per-channel vector of the same batch ([b, 1, 1, c], broadcast over rows
 * and columns) whose output only a 1×1 CONV_2D reads, computed as one op: the end of a
 * squeeze-and-excitation block, {@code pointwise(x · scale)}. Inputs: the MUL's two (x and the
 * scale, in the MUL's order), an absent third input (-1), then the pointwise filter and bias (a
 * bias may be absent).
 *
 * @param mul the MUL (no fused activation)
 * @param pointwise the 1×1, stride-1 convolution
 * @param intermediate the tensor the MUL wrote (no kernel writes it any more)
 * @param mulIndex the model's op index of the MUL (the node has the convolution's)
 */
public record ScaledPointwise(Mul mul, Conv2D pointwise, int intermediate, int mulIndex)
    implements MergedProducer {
  /** The op name of fused nodes, which picks their GPU template. */
  public static final String OP_NAME = "MUL_POINTWISE";

  @Override
  public int producerIndex() {
    return mulIndex;
  }

  @Override
  public NdArray[] apply(NdArray[] inputs) {
    NdArray scaled = mul.apply(new NdArray[] {inputs[0], inputs[1]})[0];
    return pointwise.apply(new NdArray[] {scaled, inputs[3], inputs[4]});
  }
}
