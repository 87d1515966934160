package io.jlite.conformance.ops;

/** SUM against TFLite, on every backend. */
class SumProperties extends OpProperty {
  @Override
  String opName() {
    return "SUM";
  }
}
