package io.jlite.conformance.ops;

/** PACK against TFLite, on every backend. */
class PackProperties extends OpProperty {
  @Override
  String opName() {
    return "PACK";
  }
}
