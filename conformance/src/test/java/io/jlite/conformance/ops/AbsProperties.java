package io.jlite.conformance.ops;

/** ABS against TFLite, on every backend. */
class AbsProperties extends OpProperty {
  @Override
  String opName() {
    return "ABS";
  }
}
