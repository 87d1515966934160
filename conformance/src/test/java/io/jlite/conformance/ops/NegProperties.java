package io.jlite.conformance.ops;

/** NEG against TFLite, on every backend. */
class NegProperties extends OpProperty {
  @Override
  String opName() {
    return "NEG";
  }
}
