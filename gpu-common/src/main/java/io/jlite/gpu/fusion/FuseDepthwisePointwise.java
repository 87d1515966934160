package io.jlite.gpu.fusion;

import io.jlite.gpu.templates.Templates;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Conv2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges a DEPTHWISE_CONV_2D into the 1×1 CONV_2D that alone reads its output ({@link
 * DepthwisePointwise}), where the GPU template computes the pair as one kernel: the pointwise
 * kernel recomputes the depthwise values it reads instead of reading them from a tensor. That
 * repeats depthwise work once per block of output slices, so the template only takes pairs at low
 * resolution with small windows, where launches, not arithmetic, dominate (on the H200 every kernel
 * launch costs about 7 µs of host time through OpenCL, whatever it computes).
 */
public final class FuseDepthwisePointwise implements GraphPass {
  @Override
  public Graph apply(Graph graph) {
    List<Node> nodes = new ArrayList<>(graph.nodes());
    Usage usage = new Usage(graph);
    for (Node dw : graph.nodes()) {
      if (!dw.opName().equals("DEPTHWISE_CONV_2D") || dw.outputs().size() != 1) {
        continue;
      }
      int mid = dw.outputs().get(0);
      Optional<Node> lone = usage.loneReader(mid);
      if (lone.isEmpty()) {
        continue;
      }
      Node pw = lone.get();
      if (!pw.opName().equals("CONV_2D")
          || !(pw.op() instanceof Conv2D conv)
          || pw.inputs().get(0) != mid
          || !nodes.contains(pw)
          || !Templates.fusesDepthwisePointwise(graph, dw, pw)) {
        continue;
      }
      List<Integer> inputs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        inputs.add(i < dw.inputs().size() ? dw.inputs().get(i) : -1);
      }
      for (int i = 1; i < 3; i++) {
        inputs.add(i < pw.inputs().size() ? pw.inputs().get(i) : -1);
      }
      Node fused =
          new Node(
              pw.index(),
              DepthwisePointwise.OP_NAME,
              inputs,
              pw.outputs(),
              new DepthwisePointwise(dw.op(), conv, mid, dw.index()));
      List<Node> replaced = new ArrayList<>();
      for (Node n : nodes) {
        if (n.equals(pw)) {
          replaced.add(fused);
        } else if (!n.equals(dw)) {
          replaced.add(n);
        }
      }
      nodes = replaced;
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }
}
