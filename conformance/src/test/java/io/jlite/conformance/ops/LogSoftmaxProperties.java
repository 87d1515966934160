package io.jlite.conformance.ops;

/** LOG_SOFTMAX against TFLite, on every backend. */
class LogSoftmaxProperties extends OpProperty {
  @Override
  String opName() {
    return "LOG_SOFTMAX";
  }
}
