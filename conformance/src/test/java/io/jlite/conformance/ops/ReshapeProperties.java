package io.jlite.conformance.ops;

/** RESHAPE against TFLite, on every backend. */
class ReshapeProperties extends OpProperty {
  @Override
  String opName() {
    return "RESHAPE";
  }
}
