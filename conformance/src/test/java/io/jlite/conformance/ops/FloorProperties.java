package io.jlite.conformance.ops;

/** FLOOR against TFLite, on every backend. */
class FloorProperties extends OpProperty {
  @Override
  String opName() {
    return "FLOOR";
  }
}
