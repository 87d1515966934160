package io.jlite.conformance.ops;

/** MIRROR_PAD against TFLite, on every backend. */
class MirrorPadProperties extends OpProperty {
  @Override
  String opName() {
    return "MIRROR_PAD";
  }
}
