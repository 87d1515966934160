package io.jlite.gpu.kernel;

import io.jlite.gpu.layout.Phwc4Layout;

/**
 * A buffer a kernel reads or writes, named as the template's code names it. Every argument is an
 * array of vec4 in the generated code ({@code name[i]}): a tensor in PHWC4 layout, or constant data
 * (weights, bias, a constant operand) already laid out as the template reads it.
 */
public sealed interface KernelArg permits TensorArg, ConstArg {
  /** The identifier the kernel code uses. */
  String name();

  /** The layout the code indexes this argument with (constants: see {@link ConstArg}). */
  Phwc4Layout layout();
}
