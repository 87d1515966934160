package io.jlite.ops;

import io.jlite.ir.NdArray;

/**
 * An operator with its options bound: the unit of semantics in JLite. Each implementation is one
 * class (usually a record of its options) whose javadoc states what it computes.
 *
 * <p>Implementations are pure: they read the inputs, never modify them, and return fresh outputs
 * whose shapes they compute themselves. The interpreter checks those shapes against the model's
 * declarations.
 */
public interface Op {
  /**
   * Computes the outputs.
   *
   * @param inputs one value per declared input; {@code null} where an optional input is absent
   * @return one value per declared output
   */
  NdArray[] apply(NdArray[] inputs);
}
