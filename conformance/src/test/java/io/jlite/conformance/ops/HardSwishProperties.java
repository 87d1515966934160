package io.jlite.conformance.ops;

/** HARD_SWISH against TFLite, on every backend. */
class HardSwishProperties extends OpProperty {
  @Override
  String opName() {
    return "HARD_SWISH";
  }
}
