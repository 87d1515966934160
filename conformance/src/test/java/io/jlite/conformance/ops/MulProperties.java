package io.jlite.conformance.ops;

/** MUL against TFLite, on every backend. */
class MulProperties extends OpProperty {
  @Override
  String opName() {
    return "MUL";
  }
}
