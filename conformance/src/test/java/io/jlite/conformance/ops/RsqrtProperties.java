package io.jlite.conformance.ops;

/** RSQRT against TFLite, on every backend. */
class RsqrtProperties extends OpProperty {
  @Override
  String opName() {
    return "RSQRT";
  }
}
