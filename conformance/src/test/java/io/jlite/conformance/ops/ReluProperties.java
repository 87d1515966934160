package io.jlite.conformance.ops;

/** RELU against TFLite, on every backend. */
class ReluProperties extends OpProperty {
  @Override
  String opName() {
    return "RELU";
  }
}
