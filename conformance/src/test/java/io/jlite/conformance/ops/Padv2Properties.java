package io.jlite.conformance.ops;

/** PADV2 against TFLite, on every backend. */
class Padv2Properties extends OpProperty {
  @Override
  String opName() {
    return "PADV2";
  }
}
