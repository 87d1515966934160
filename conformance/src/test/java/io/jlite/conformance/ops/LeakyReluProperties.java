package io.jlite.conformance.ops;

/** LEAKY_RELU against TFLite, on every backend. */
class LeakyReluProperties extends OpProperty {
  @Override
  String opName() {
    return "LEAKY_RELU";
  }
}
