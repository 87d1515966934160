package io.jlite.conformance.ops;

/** UNPACK against TFLite, on every backend. */
class UnpackProperties extends OpProperty {
  @Override
  String opName() {
    return "UNPACK";
  }
}
