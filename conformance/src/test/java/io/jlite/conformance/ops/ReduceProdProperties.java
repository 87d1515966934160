package io.jlite.conformance.ops;

/** REDUCE_PROD against TFLite, on every backend. */
class ReduceProdProperties extends OpProperty {
  @Override
  String opName() {
    return "REDUCE_PROD";
  }
}
