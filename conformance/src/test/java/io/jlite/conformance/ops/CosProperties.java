package io.jlite.conformance.ops;

/** COS against TFLite, on every backend. */
class CosProperties extends OpProperty {
  @Override
  String opName() {
    return "COS";
  }
}
