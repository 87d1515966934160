package io.jlite.conformance.ops;

/** SLICE against TFLite, on every backend. */
class SliceProperties extends OpProperty {
  @Override
  String opName() {
    return "SLICE";
  }
}
