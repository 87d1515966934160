package io.jlite.conformance.ops;

/** GATHER against TFLite, on every backend. */
class GatherProperties extends OpProperty {
  @Override
  String opName() {
    return "GATHER";
  }
}
