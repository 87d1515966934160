package io.jlite.conformance.ops;

/** RESIZE_BILINEAR against TFLite, on every backend. */
class ResizeBilinearProperties extends OpProperty {
  @Override
  String opName() {
    return "RESIZE_BILINEAR";
  }
}
