package io.jlite.conformance.ops;

/** EXP against TFLite, on every backend. */
class ExpProperties extends OpProperty {
  @Override
  String opName() {
    return "EXP";
  }
}
