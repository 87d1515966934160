package io.jlite.conformance.ops;

/** MAXIMUM against TFLite, on every backend. */
class MaximumProperties extends OpProperty {
  @Override
  String opName() {
    return "MAXIMUM";
  }
}
