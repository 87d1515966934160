package io.jlite.gpu.kernel;

import io.jlite.gpu.layout.Phwc4Layout;

/**
 * A graph tensor bound to a kernel argument, in PHWC4 layout.
 *
 * @param name the identifier in the kernel code
 * @param tensor the graph tensor index
 * @param layout its PHWC4 layout
 * @param output whether the kernel writes it (else it only reads it)
 */
public record TensorArg(String name, int tensor, Phwc4Layout layout, boolean output)
    implements KernelArg {}
