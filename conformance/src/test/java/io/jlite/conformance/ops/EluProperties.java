package io.jlite.conformance.ops;

/** ELU against TFLite, on every backend. */
class EluProperties extends OpProperty {
  @Override
  String opName() {
    return "ELU";
  }
}
