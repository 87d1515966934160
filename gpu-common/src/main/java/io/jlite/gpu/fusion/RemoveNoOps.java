package io.jlite.gpu.fusion;

import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Activation;
import io.jlite.ops.Concatenation;
import io.jlite.ops.Transpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Marks the nodes that move no data on the GPU as {@link BufferAlias}es, which the planner turns
 * into shared buffers instead of kernels (the one place that decides what is a no-op):
 *
 * <ul>
 *   <li>views: a RESHAPE, SQUEEZE or EXPAND_DIMS whose input and output PHWC4 layouts {@linkplain
 *       Phwc4Layout#sharesStorageWith share storage} (same batch and channels; any split of the
 *       spatial extent, e.g. [1, H, W, C] → [1, H·W, C] or [H, W, C]);
 *   <li>identities, whose output has its input's shape: PAD / PADV2 (then all paddings are 0),
 *       SLICE (then it takes everything), CONCATENATION of one input without activation, TRANSPOSE
 *       by the identity permutation.
 * </ul>
 *
 * <p>The input must be a computed or graph-input tensor (a constant has no buffer of its own).
 * Every reader, GPU kernel or CPU download, then reads the output through its own shape's layout
 * from the input's buffer, which holds the same vec4s.
 */
public final class RemoveNoOps implements GraphPass {
  private static final Set<String> VIEWS = Set.of("RESHAPE", "SQUEEZE", "EXPAND_DIMS");

  @Override
  public Graph apply(Graph graph) {
    List<Node> nodes = new ArrayList<>();
    for (Node n : graph.nodes()) {
      nodes.add(
          isNoOp(graph, n)
              ? new Node(n.index(), n.opName(), n.inputs(), n.outputs(), new BufferAlias(n.op()))
              : n);
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }

  /** Whether {@code node} leaves its first input's GPU buffer as its output. */
  static boolean isNoOp(Graph graph, Node node) {
    if (node.op() instanceof BufferAlias
        || node.inputs().isEmpty()
        || node.inputs().get(0) < 0
        || node.outputs().size() != 1) {
      return false;
    }
    TensorSpec in = graph.tensor(node.inputs().get(0));
    TensorSpec out = graph.tensor(node.outputs().get(0));
    if (in.isConstant()
        || in.shape().rank() > 4
        || out.shape().rank() > 4
        || !in.type().isFloating()
        || !out.type().isFloating()) {
      return false;
    }
    if (VIEWS.contains(node.opName())) {
      return Phwc4Layout.of(in.shape()).sharesStorageWith(Phwc4Layout.of(out.shape()));
    }
    return in.shape().equals(out.shape()) && isIdentity(node, in.shape());
  }

  /** Whether an op whose output has its input's shape copies the input unchanged. */
  private static boolean isIdentity(Node node, Shape shape) {
    return switch (node.opName()) {
      case "PAD", "PADV2", "SLICE" -> true;
      case "CONCATENATION" ->
          node.inputs().size() == 1
              && node.op() instanceof Concatenation c
              && c.activation() == Activation.NONE;
      case "TRANSPOSE" ->
          node.op() instanceof Transpose t && isIdentityPermutation(t.perm().constant(), shape);
      default -> false;
    };
  }

  private static boolean isIdentityPermutation(Optional<List<Integer>> perm, Shape shape) {
    if (perm.isEmpty() || perm.get().size() != shape.rank()) {
      return false;
    }
    for (int d = 0; d < shape.rank(); d++) {
      if (perm.get().get(d) != d) {
        return false;
      }
    }
    return true;
  }
}
