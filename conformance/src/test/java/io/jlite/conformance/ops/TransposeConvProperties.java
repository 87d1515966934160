package io.jlite.conformance.ops;

/** TRANSPOSE_CONV against TFLite, on every backend. */
class TransposeConvProperties extends OpProperty {
  @Override
  String opName() {
    return "TRANSPOSE_CONV";
  }
}
