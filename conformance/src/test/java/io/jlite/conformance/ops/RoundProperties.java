package io.jlite.conformance.ops;

/** ROUND against TFLite, on every backend. */
class RoundProperties extends OpProperty {
  @Override
  String opName() {
    return "ROUND";
  }
}
