package io.jlite.conformance.ops;

/** TRANSPOSE against TFLite, on every backend. */
class TransposeProperties extends OpProperty {
  @Override
  String opName() {
    return "TRANSPOSE";
  }
}
