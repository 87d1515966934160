package io.jlite.conformance.ops;

/** DEPTH_TO_SPACE against TFLite, on every backend. */
class DepthToSpaceProperties extends OpProperty {
  @Override
  String opName() {
    return "DEPTH_TO_SPACE";
  }
}
