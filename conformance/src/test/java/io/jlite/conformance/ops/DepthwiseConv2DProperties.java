package io.jlite.conformance.ops;

/** DEPTHWISE_CONV_2D against TFLite, on every backend. */
class DepthwiseConv2DProperties extends OpProperty {
  @Override
  String opName() {
    return "DEPTHWISE_CONV_2D";
  }
}
