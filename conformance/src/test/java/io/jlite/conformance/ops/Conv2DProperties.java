package io.jlite.conformance.ops;

/** CONV_2D against TFLite, on every backend. */
class Conv2DProperties extends OpProperty {
  @Override
  String opName() {
    return "CONV_2D";
  }
}
