package io.jlite.conformance.ops;

/** LOG against TFLite, on every backend. */
class LogProperties extends OpProperty {
  @Override
  String opName() {
    return "LOG";
  }
}
