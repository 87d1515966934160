package io.jlite.conformance.ops;

/** GELU against TFLite, on every backend. */
class GeluProperties extends OpProperty {
  @Override
  String opName() {
    return "GELU";
  }
}
