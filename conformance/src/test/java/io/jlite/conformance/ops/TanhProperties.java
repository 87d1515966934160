package io.jlite.conformance.ops;

/** TANH against TFLite, on every backend. */
class TanhProperties extends OpProperty {
  @Override
  String opName() {
    return "TANH";
  }
}
