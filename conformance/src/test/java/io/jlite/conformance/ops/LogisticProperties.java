package io.jlite.conformance.ops;

/** LOGISTIC against TFLite, on every backend. */
class LogisticProperties extends OpProperty {
  @Override
  String opName() {
    return "LOGISTIC";
  }
}
