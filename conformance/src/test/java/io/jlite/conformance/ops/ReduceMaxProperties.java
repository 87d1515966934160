package io.jlite.conformance.ops;

/** REDUCE_MAX against TFLite, on every backend. */
class ReduceMaxProperties extends OpProperty {
  @Override
  String opName() {
    return "REDUCE_MAX";
  }
}
