package io.jlite.conformance.ops;

/** RESIZE_NEAREST_NEIGHBOR against TFLite, on every backend. */
class ResizeNearestNeighborProperties extends OpProperty {
  @Override
  String opName() {
    return "RESIZE_NEAREST_NEIGHBOR";
  }
}
