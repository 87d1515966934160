package io.jlite.conformance.ops;

/** PAD against TFLite, on every backend. */
class PadProperties extends OpProperty {
  @Override
  String opName() {
    return "PAD";
  }
}
