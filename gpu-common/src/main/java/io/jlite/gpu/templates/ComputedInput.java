package io.jlite.gpu.templates;

import java.util.List;

/**
 * How a 1×1 convolution's kernel gets one input value: {@code statements} set {@code vec4 v} to
 * slice {@code is} of the input at row {@code iy}, column {@code ix} of batch {@code b}, calling
 * the helper {@code functions}. {@link #READ} reads the {@code src} tensor; a fused depthwise
 * convolution computes the value instead ({@link DepthwisePointwiseTemplate}), so that input need
 * not exist as a tensor.
 */
record ComputedInput(List<String> functions, String statements) {
  /** The value read from the {@code src} tensor. */
  static final ComputedInput READ = new ComputedInput(List.of(), "v = $READ(src, b, iy, ix, is);");

  ComputedInput {
    functions = List.copyOf(functions);
  }
}
