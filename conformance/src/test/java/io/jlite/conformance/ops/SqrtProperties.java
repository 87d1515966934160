package io.jlite.conformance.ops;

/** SQRT against TFLite, on every backend. */
class SqrtProperties extends OpProperty {
  @Override
  String opName() {
    return "SQRT";
  }
}
