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

  /**
   * Whether fusion may append elementwise ops to this template's kernels as their epilogue. The
   * epilogue runs inside {@code $WRITE} and reads its operands at the written coordinates {@code b,
   * y, x, s}, so it is right for a kernel that writes each output slice once, at its own
   * coordinates, with its final value. The dialect makes every template's kernel such a kernel
   * (exactly one {@code $WRITE}, at {@code b, y, x, s}, checked by {@link KernelSource} and the
   * code generators), which is why the answer is yes unless a template says otherwise: one that
   * wrote partial results, or read back what it wrote, would have to return false.
   */
  default boolean takesEpilogue() {
    return true;
  }
}
