package io.jlite.conformance.ops;

/** ARG_MAX against TFLite, on every backend. */
class ArgMaxProperties extends OpProperty {
  @Override
  String opName() {
    return "ARG_MAX";
  }
}
