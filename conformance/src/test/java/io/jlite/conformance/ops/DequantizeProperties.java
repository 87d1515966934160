package io.jlite.conformance.ops;

/** DEQUANTIZE against TFLite, on every backend. */
class DequantizeProperties extends OpProperty {
  @Override
  String opName() {
    return "DEQUANTIZE";
  }
}
