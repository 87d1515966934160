package io.jlite.conformance.ops;

/** MINIMUM against TFLite, on every backend. */
class MinimumProperties extends OpProperty {
  @Override
  String opName() {
    return "MINIMUM";
  }
}
