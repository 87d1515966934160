package io.jlite.conformance.ops;

/** RELU6 against TFLite, on every backend. */
class Relu6Properties extends OpProperty {
  @Override
  String opName() {
    return "RELU6";
  }
}
