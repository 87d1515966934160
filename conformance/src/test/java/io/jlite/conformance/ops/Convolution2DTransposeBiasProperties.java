package io.jlite.conformance.ops;

/** CUSTOM:Convolution2DTransposeBias against TFLite, on every backend. */
class Convolution2DTransposeBiasProperties extends OpProperty {
  @Override
  String opName() {
    return "CUSTOM:Convolution2DTransposeBias";
  }
}
