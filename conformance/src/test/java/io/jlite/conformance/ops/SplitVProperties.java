package io.jlite.conformance.ops;

/** SPLIT_V against TFLite, on every backend. */
class SplitVProperties extends OpProperty {
  @Override
  String opName() {
    return "SPLIT_V";
  }
}
