package io.jlite.ops;

import java.util.Map;

/** Registers the convolution, fully connected and pooling ops. */
final class ConvolutionOps {
  private ConvolutionOps() {}

  static void register(Map<String, OpFactory> r) {
    r.put("CONV_2D", Conv2D::create);
  }
}
