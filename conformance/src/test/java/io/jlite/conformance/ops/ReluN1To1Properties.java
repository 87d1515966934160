package io.jlite.conformance.ops;

/** RELU_N1_TO_1 against TFLite, on every backend. */
class ReluN1To1Properties extends OpProperty {
  @Override
  String opName() {
    return "RELU_N1_TO_1";
  }
}
