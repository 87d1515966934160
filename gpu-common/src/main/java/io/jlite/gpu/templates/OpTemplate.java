package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.Optional;

/**
 * The GPU kernel of one op: whether a node can run on the GPU, and its kernel in the neutral
 * dialect. The kernel computes exactly what the node's reference op computes (up to float summation
 * order and the GPU's transcendental functions), in PHWC4 layout, with the op's fused activation as
 * the epilogue.
 */
public interface OpTemplate {
  /** Why the template cannot run {@code node}; empty when it can. */
  Optional<String> unsupportedReason(Graph graph, Node node);

  /**
   * The kernel of {@code node}, which the template supports.
   *
   * @param name a name for the kernel, unique within its plan
   */
  KernelSource generate(Graph graph, Node node, String name);
}
