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
 * DepthwisePointwise}) where the GPU template computes the pair as one kernel (depth multiplier 1,
 * a stride-1 unpadded pointwise op) and that kernel is expected to be the faster one: one launch
 * instead of two, and the intermediate tensor is never stored.
 */
public final class FuseDepthwisePointwise implements GraphPass {
  private final int maxBuffers;
  private final boolean everyPair;

  /** Merging where faster, without a limit on the buffers a kernel binds. */
  public FuseDepthwisePointwise() {
    this(KernelBuffers.UNLIMITED, false);
  }

  /**
   * Merging only where the pair's kernel binds at most {@code maxBuffers} buffers ({@link
   * KernelBuffers}), e.g. a GLES driver's storage-block limit; every pair the template takes when
   * {@code everyPair} (tests of the fused kernel), else only where it is expected to be faster.
   */
  public FuseDepthwisePointwise(int maxBuffers, boolean everyPair) {
    this.maxBuffers = maxBuffers;
    this.everyPair = everyPair;
  }

  @Override
  public FuseDepthwisePointwise withMaxKernelBuffers(int max) {
    return new FuseDepthwisePointwise(max, everyPair);
  }

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
          || !Templates.fusesDepthwisePointwise(graph, dw, pw)
          || !(everyPair || Templates.depthwisePointwiseFasterFused(graph, dw, pw))) {
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
      if (!KernelBuffers.fit(graph, fused, maxBuffers)) {
        continue;
      }
      nodes = GraphPass.mergeInto(nodes, dw, pw, fused);
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }
}
