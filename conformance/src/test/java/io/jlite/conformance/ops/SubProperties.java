package io.jlite.conformance.ops;

/** SUB against TFLite, on every backend. */
class SubProperties extends OpProperty {
  @Override
  String opName() {
    return "SUB";
  }
}
