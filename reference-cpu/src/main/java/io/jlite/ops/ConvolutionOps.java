package io.jlite.ops;

import java.util.Map;

/** Registers the convolution, fully connected and pooling ops. */
final class ConvolutionOps {
  private ConvolutionOps() {}

  static void register(Map<String, OpFactory> r) {
    r.put("CONV_2D", Conv2D::create);
    r.put("DEPTHWISE_CONV_2D", DepthwiseConv2D::create);
    r.put("TRANSPOSE_CONV", TransposeConv::create);
    r.put("CUSTOM:Convolution2DTransposeBias", Convolution2DTransposeBias::create);
    r.put("FULLY_CONNECTED", FullyConnected::create);
    r.put("AVERAGE_POOL_2D", AveragePool2D::create);
    r.put("MAX_POOL_2D", MaxPool2D::create);
    r.put("L2_POOL_2D", L2Pool2D::create);
  }
}
