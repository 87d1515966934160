package io.jlite.conformance.ops;

/** MAX_POOL_2D against TFLite, on every backend. */
class MaxPool2DProperties extends OpProperty {
  @Override
  String opName() {
    return "MAX_POOL_2D";
  }
}
