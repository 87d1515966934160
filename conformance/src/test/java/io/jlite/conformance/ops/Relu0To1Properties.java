package io.jlite.conformance.ops;

/** RELU_0_TO_1 against TFLite, on every backend. */
class Relu0To1Properties extends OpProperty {
  @Override
  String opName() {
    return "RELU_0_TO_1";
  }
}
