package io.jlite.conformance.ops;

/** CEIL against TFLite, on every backend. */
class CeilProperties extends OpProperty {
  @Override
  String opName() {
    return "CEIL";
  }
}
