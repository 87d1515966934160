package io.jlite.conformance.ops;

/** FULLY_CONNECTED against TFLite, on every backend. */
class FullyConnectedProperties extends OpProperty {
  @Override
  String opName() {
    return "FULLY_CONNECTED";
  }
}
