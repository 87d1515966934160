package io.jlite.conformance.ops;

/** REDUCE_MIN against TFLite, on every backend. */
class ReduceMinProperties extends OpProperty {
  @Override
  String opName() {
    return "REDUCE_MIN";
  }
}
