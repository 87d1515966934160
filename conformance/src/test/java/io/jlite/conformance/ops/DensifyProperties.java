package io.jlite.conformance.ops;

/** DENSIFY against TFLite, on every backend. */
class DensifyProperties extends OpProperty {
  @Override
  String opName() {
    return "DENSIFY";
  }
}
