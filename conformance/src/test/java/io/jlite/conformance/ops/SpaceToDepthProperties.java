package io.jlite.conformance.ops;

/** SPACE_TO_DEPTH against TFLite, on every backend. */
class SpaceToDepthProperties extends OpProperty {
  @Override
  String opName() {
    return "SPACE_TO_DEPTH";
  }
}
