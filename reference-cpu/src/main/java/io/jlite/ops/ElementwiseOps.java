package io.jlite.ops;

import java.util.Map;

/** Registers the elementwise ops: arithmetic, activations, dequantization. */
final class ElementwiseOps {
  private ElementwiseOps() {}

  static void register(Map<String, OpFactory> r) {
    r.put("ADD", Add::create);
  }
}
