package io.jlite.conformance.ops;

/** POW against TFLite, on every backend. */
class PowProperties extends OpProperty {
  @Override
  String opName() {
    return "POW";
  }
}
