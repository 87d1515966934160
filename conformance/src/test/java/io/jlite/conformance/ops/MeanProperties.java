package io.jlite.conformance.ops;

/** MEAN against TFLite, on every backend. */
class MeanProperties extends OpProperty {
  @Override
  String opName() {
    return "MEAN";
  }
}
