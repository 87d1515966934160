package io.jlite.conformance.ops;

/** CONCATENATION against TFLite, on every backend. */
class ConcatenationProperties extends OpProperty {
  @Override
  String opName() {
    return "CONCATENATION";
  }
}
