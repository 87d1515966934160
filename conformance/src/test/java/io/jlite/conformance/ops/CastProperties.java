package io.jlite.conformance.ops;

/** CAST against TFLite, on every backend. */
class CastProperties extends OpProperty {
  @Override
  String opName() {
    return "CAST";
  }
}
