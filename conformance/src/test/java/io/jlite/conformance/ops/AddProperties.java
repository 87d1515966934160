package io.jlite.conformance.ops;

/** ADD against TFLite, on every backend. */
class AddProperties extends OpProperty {
  @Override
  String opName() {
    return "ADD";
  }
}
