package io.jlite.conformance.ops;

/** PRELU against TFLite, on every backend. */
class PreluProperties extends OpProperty {
  @Override
  String opName() {
    return "PRELU";
  }
}
