package io.jlite.conformance.ops;

/** SOFTMAX against TFLite, on every backend. */
class SoftmaxProperties extends OpProperty {
  @Override
  String opName() {
    return "SOFTMAX";
  }
}
