package io.jlite.conformance.ops;

/** SQUEEZE against TFLite, on every backend. */
class SqueezeProperties extends OpProperty {
  @Override
  String opName() {
    return "SQUEEZE";
  }
}
