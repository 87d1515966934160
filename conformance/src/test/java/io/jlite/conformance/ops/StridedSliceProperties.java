package io.jlite.conformance.ops;

/** STRIDED_SLICE against TFLite, on every backend. */
class StridedSliceProperties extends OpProperty {
  @Override
  String opName() {
    return "STRIDED_SLICE";
  }
}
