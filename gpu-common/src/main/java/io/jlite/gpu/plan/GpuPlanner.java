package io.jlite.gpu.plan;

import io.jlite.gpu.fusion.GraphPass;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.partition.Subgraph;
import io.jlite.gpu.templates.Templates;
import io.jlite.gpu.workgroup.OpKind;
import io.jlite.gpu.workgroup.WorkgroupChooser;
import io.jlite.gpu.workgroup.Workgroups;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a delegate partition for the GPU: runs the graph passes (fusion, PAD merging, weight
 * folding, no-op removal), then generates one kernel per remaining node from its op's template and
 * picks its workgroup size. A RESHAPE whose input and output have the same BHWC view becomes an
 * alias instead of a kernel.
 *
 * <p>How a backend uses it:
 *
 * <pre>{@code
 * boolean claims(Graph g, Node n) { return GpuPlanner.supports(g, n); }
 * Kernel prepare(Graph g, List<Node> partition) {
 *   GpuPlan plan = GpuPlanner.plan(g, partition, GpuPlanner.Options.DEFAULT);
 *   for (PlannedKernel k : plan.kernels()) {
 *     LoweredKernel cl = new OpenClGenerator().lower(k.source(), k.workgroup());
 *     // compile cl.source(), entry point cl.entryPoint(); bind cl.parameters() in order:
 *     //   TensorArg t -> the buffer of plan.storage(t.tensor()), t.layout().byteSize(4) bytes
 *     //   ConstArg c  -> a buffer holding c.data()
 *     // enqueue with k.globalSize() and k.localSize()
 *   }
 * }
 * }</pre>
 */
public final class GpuPlanner {
  private GpuPlanner() {}

  /**
   * Planning choices.
   *
   * @param passes the graph passes to run, in order
   * @param workgroups how workgroup sizes are chosen
   */
  public record Options(List<GraphPass> passes, WorkgroupChooser workgroups) {
    /** All passes, the default workgroup heuristic. */
    public static final Options DEFAULT =
        new Options(GraphPass.standard(), Workgroups.defaultChooser());

    /** No passes: one kernel per op. */
    public static final Options UNFUSED = new Options(List.of(), Workgroups.defaultChooser());

    public Options {
      passes = List.copyOf(passes);
    }

    /** These options with another way of choosing workgroups (e.g. a backend's tuner). */
    public Options withWorkgroups(WorkgroupChooser chooser) {
      return new Options(passes, chooser);
    }
  }

  /** Whether a GPU backend can run {@code node}. */
  public static boolean supports(Graph graph, Node node) {
    return unsupportedReason(graph, node).isEmpty();
  }

  /** Why a GPU backend cannot run {@code node}; empty when it can. */
  public static Optional<String> unsupportedReason(Graph graph, Node node) {
    return Templates.unsupportedReason(graph, node);
  }

  /**
   * Plans the partition {@code nodes} of {@code graph} (nodes in execution order, each supported).
   *
   * @throws io.jlite.UnsupportedOpException if a node has no template that supports it
   */
  public static GpuPlan plan(Graph graph, List<Node> nodes, Options options) {
    Graph sub = Subgraph.of(graph, nodes);
    for (GraphPass pass : options.passes()) {
      sub = pass.apply(sub);
    }
    List<PlannedKernel> kernels = new ArrayList<>();
    Map<Integer, Integer> aliases = new HashMap<>();
    for (Node node : sub.nodes()) {
      if (isAlias(sub, node)) {
        aliases.put(node.outputs().get(0), node.inputs().get(0));
        continue;
      }
      KernelSource k = Templates.generate(sub, node, kernelName(node, kernels.size()));
      kernels.add(
          new PlannedKernel(
              k, options.workgroups().choose(OpKind.of(node.opName()), k), opIndices(node)));
    }
    return new GpuPlan(sub, kernels, sub.inputs(), sub.outputs(), aliases);
  }

  /** A RESHAPE between equal BHWC views moves no data: its output can share the input's buffer. */
  private static boolean isAlias(Graph graph, Node node) {
    if (!node.opName().equals("RESHAPE") || graph.tensor(node.inputs().get(0)).isConstant()) {
      return false;
    }
    return Phwc4Layout.of(graph.tensor(node.inputs().get(0)).shape())
        .equals(Phwc4Layout.of(graph.tensor(node.outputs().get(0)).shape()));
  }

  private static String kernelName(Node node, int position) {
    return "k"
        + position
        + "_"
        + node.opName().toLowerCase(java.util.Locale.ROOT).replace("custom:", "");
  }

  private static List<Integer> opIndices(Node node) {
    return node.op() instanceof io.jlite.gpu.fusion.FusedOp f
        ? fusedIndices(node, f)
        : List.of(node.index());
  }

  private static List<Integer> fusedIndices(Node node, io.jlite.gpu.fusion.FusedOp f) {
    List<Integer> all = new ArrayList<>();
    all.add(node.index());
    all.addAll(f.fusedOpIndices());
    return all;
  }
}
