package io.jlite.conformance.ops;

/** SPLIT against TFLite, on every backend. */
class SplitProperties extends OpProperty {
  @Override
  String opName() {
    return "SPLIT";
  }
}
