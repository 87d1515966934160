package io.jlite.conformance.ops;

/** L2_POOL_2D against TFLite, on every backend. */
class L2Pool2DProperties extends OpProperty {
  @Override
  String opName() {
    return "L2_POOL_2D";
  }
}
