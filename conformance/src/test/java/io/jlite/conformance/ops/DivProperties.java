package io.jlite.conformance.ops;

/** DIV against TFLite, on every backend. */
class DivProperties extends OpProperty {
  @Override
  String opName() {
    return "DIV";
  }
}
