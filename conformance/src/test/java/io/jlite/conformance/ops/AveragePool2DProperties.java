package io.jlite.conformance.ops;

/** AVERAGE_POOL_2D against TFLite, on every backend. */
class AveragePool2DProperties extends OpProperty {
  @Override
  String opName() {
    return "AVERAGE_POOL_2D";
  }
}
