package io.jlite.gpu.plan;

import io.jlite.Delegate;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.loader.LoaderLimits;
import io.jlite.runtime.OpCall;
import java.util.List;

/**
 * A delegate partition run with the reference CPU ops, for GPU backends that fall back when a
 * partition fails to prepare or run (a shader or kernel the driver rejects, out of memory, a lost
 * device) and the user asked for fallback: the same nodes, in order, with the interpreter's own
 * semantics and checks ({@link OpCall}, with the default limits: the interpreter's are not known
 * here, and the declared shapes it checks each output against were bounded when it loaded).
 */
public final class CpuPartition implements Delegate.Kernel {
  private final Graph graph;
  private final List<Node> nodes;

  /** Runs {@code nodes} of {@code graph} (in execution order) on the CPU. */
  public CpuPartition(Graph graph, List<Node> nodes) {
    this.graph = graph;
    this.nodes = List.copyOf(nodes);
  }

  @Override
  public void run(NdArray[] values) {
    for (Node node : nodes) {
      NdArray[] inputs = new NdArray[node.inputs().size()];
      for (int i = 0; i < inputs.length; i++) {
        int tensor = node.inputs().get(i);
        // A negative index is TFLite's "optional input absent".
        inputs[i] = tensor < 0 ? null : values[tensor];
      }
      NdArray[] outputs = OpCall.apply(graph, node, inputs, LoaderLimits.DEFAULT);
      for (int i = 0; i < outputs.length && i < node.outputs().size(); i++) {
        values[node.outputs().get(i)] = outputs[i];
      }
    }
  }

  @Override
  public void close() {}
}
