package io.jlite.conformance.ops;

/** SIN against TFLite, on every backend. */
class SinProperties extends OpProperty {
  @Override
  String opName() {
    return "SIN";
  }
}
