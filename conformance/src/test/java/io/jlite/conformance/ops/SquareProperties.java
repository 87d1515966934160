package io.jlite.conformance.ops;

/** SQUARE against TFLite, on every backend. */
class SquareProperties extends OpProperty {
  @Override
  String opName() {
    return "SQUARE";
  }
}
