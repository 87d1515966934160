package io.jlite.opencl;

import io.jlite.Delegate;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import java.util.List;

/**
 * A partition run on the reference CPU ops after the GPU failed to prepare it and the user asked
 * for fallback: the same nodes, in order, with the interpreter's own semantics.
 */
final class CpuPartition implements Delegate.Kernel {
  private final List<Node> nodes;

  CpuPartition(List<Node> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  @Override
  public void run(NdArray[] values) {
    for (Node node : nodes) {
      NdArray[] in = new NdArray[node.inputs().size()];
      for (int i = 0; i < in.length; i++) {
        int t = node.inputs().get(i);
        in[i] = t < 0 ? null : values[t];
      }
      NdArray[] out = node.op().apply(in);
      for (int i = 0; i < out.length && i < node.outputs().size(); i++) {
        values[node.outputs().get(i)] = out[i];
      }
    }
  }

  @Override
  public void close() {}
}
