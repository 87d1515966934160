package io.jlite.gpu.fusion;

import io.jlite.gpu.templates.Templates;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Conv2D;
import java.util.List;

/**
 * Merges a 1×1 CONV_2D into the DEPTHWISE_CONV_2D that alone reads its output ({@link
 * PointwiseDepthwise}) where the GPU template computes the pair as one kernel (a stride-1 unpadded
 * pointwise op, depth multiplier 1, an intermediate small enough for one workgroup to hold) and
 * that kernel is expected to be the faster one.
 */
public final class FusePointwiseDepthwise implements GraphPass, ConvPairs.Pair {
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
    return ConvPairs.merge(graph, maxBuffers, this);
  }

  @Override
  public boolean isProducer(Node node) {
    return node.opName().equals("CONV_2D") && node.op() instanceof Conv2D;
  }

  @Override
  public boolean merges(Graph graph, Node pw, Node dw) {
    return dw.opName().equals("DEPTHWISE_CONV_2D")
        && Templates.fusesPointwiseDepthwise(graph, pw, dw)
        && (everyPair || Templates.pointwiseDepthwiseFasterFused(graph, pw, dw));
  }

  @Override
  public Node merged(Node pw, Node dw, List<Integer> inputs) {
    return new Node(
        dw.index(),
        PointwiseDepthwise.OP_NAME,
        inputs,
        dw.outputs(),
        new PointwiseDepthwise((Conv2D) pw.op(), dw.op(), pw.outputs().get(0), pw.index()));
  }
}
