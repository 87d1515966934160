package io.jlite.gpu.fusion;

import io.jlite.gpu.templates.Templates;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Conv2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges a 1×1 CONV_2D into the DEPTHWISE_CONV_2D that alone reads its output ({@link
 * PointwiseDepthwise}) where the GPU template computes the pair as one kernel (a stride-1 unpadded
 * pointwise op, depth multiplier 1, an intermediate small enough for one workgroup to hold) and
 * that kernel is expected to be the faster one.
 */
public final class FusePointwiseDepthwise implements GraphPass {
  private final int maxBuffers;
  private final boolean everyPair;

  /** Merging where faster, without a limit on the buffers a kernel binds. */
  public FusePointwiseDepthwise() {
    this(KernelBuffers.UNLIMITED, false);
  }

  /**
   * Merging only where the pair's kernel binds at most {@code maxBuffers} buffers ({@link
   * KernelBuffers}); every pair the template takes when {@code everyPair} (tests of the fused
   * kernel), else only where it is expected to be faster.
   */
  public FusePointwiseDepthwise(int maxBuffers, boolean everyPair) {
    this.maxBuffers = maxBuffers;
    this.everyPair = everyPair;
  }

  @Override
  public FusePointwiseDepthwise withMaxKernelBuffers(int max) {
    return new FusePointwiseDepthwise(max, everyPair);
  }

  @Override
  public Graph apply(Graph graph) {
    List<Node> nodes = new ArrayList<>(graph.nodes());
    Usage usage = new Usage(graph);
    for (Node pw : graph.nodes()) {
      if (!pw.opName().equals("CONV_2D")
          || !(pw.op() instanceof Conv2D conv)
          || pw.outputs().size() != 1) {
        continue;
      }
      int mid = pw.outputs().get(0);
      Optional<Node> lone = usage.loneReader(mid);
      if (lone.isEmpty()) {
        continue;
      }
      Node dw = lone.get();
      if (!dw.opName().equals("DEPTHWISE_CONV_2D")
          || dw.inputs().get(0) != mid
          || !nodes.contains(dw)
          || !Templates.fusesPointwiseDepthwise(graph, pw, dw)
          || !(everyPair || Templates.pointwiseDepthwiseFasterFused(graph, pw, dw))) {
        continue;
      }
      List<Integer> inputs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        inputs.add(i < pw.inputs().size() ? pw.inputs().get(i) : -1);
      }
      for (int i = 1; i < 3; i++) {
        inputs.add(i < dw.inputs().size() ? dw.inputs().get(i) : -1);
      }
      Node fused =
          new Node(
              dw.index(),
              PointwiseDepthwise.OP_NAME,
              inputs,
              dw.outputs(),
              new PointwiseDepthwise(conv, dw.op(), mid, pw.index()));
      if (!KernelBuffers.fit(graph, fused, maxBuffers)) {
        continue;
      }
      nodes = GraphPass.mergeInto(nodes, pw, dw, fused);
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }
}
