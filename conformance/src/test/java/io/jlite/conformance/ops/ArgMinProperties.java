package io.jlite.conformance.ops;

/** ARG_MIN against TFLite, on every backend. */
class ArgMinProperties extends OpProperty {
  @Override
  String opName() {
    return "ARG_MIN";
  }
}
