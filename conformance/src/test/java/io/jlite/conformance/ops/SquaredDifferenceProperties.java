package io.jlite.conformance.ops;

/** SQUARED_DIFFERENCE against TFLite, on every backend. */
class SquaredDifferenceProperties extends OpProperty {
  @Override
  String opName() {
    return "SQUARED_DIFFERENCE";
  }
}
