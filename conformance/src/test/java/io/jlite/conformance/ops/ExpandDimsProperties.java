package io.jlite.conformance.ops;

/** EXPAND_DIMS against TFLite, on every backend. */
class ExpandDimsProperties extends OpProperty {
  @Override
  String opName() {
    return "EXPAND_DIMS";
  }
}
