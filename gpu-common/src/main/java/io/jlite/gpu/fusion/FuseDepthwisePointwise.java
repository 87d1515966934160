package io.jlite.gpu.fusion;

import io.jlite.gpu.templates.Templates;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Conv2D;
import java.util.List;

/**
 * Merges a DEPTHWISE_CONV_2D into the 1×1 CONV_2D that alone reads its output ({@link
 * DepthwisePointwise}) where the GPU template computes the pair as one kernel (depth multiplier 1,
 * a stride-1 unpadded pointwise op) and that kernel is expected to be the faster one: one launch
 * instead of two, and the intermediate tensor is never stored.
 */
public final class FuseDepthwisePointwise implements GraphPass, ConvPairs.Pair {
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
    return ConvPairs.merge(graph, maxBuffers, this);
  }

  @Override
  public boolean isProducer(Node node) {
    return node.opName().equals("DEPTHWISE_CONV_2D");
  }

  @Override
  public boolean merges(Graph graph, Node dw, Node pw) {
    return pw.opName().equals("CONV_2D")
        && pw.op() instanceof Conv2D
        && Templates.fusesDepthwisePointwise(graph, dw, pw)
        && (everyPair || Templates.depthwisePointwiseFasterFused(graph, dw, pw));
  }

  @Override
  public Node merged(Node dw, Node pw, List<Integer> inputs) {
    return new Node(
        pw.index(),
        DepthwisePointwise.OP_NAME,
        inputs,
        pw.outputs(),
        new DepthwisePointwise(dw.op(), (Conv2D) pw.op(), dw.outputs().get(0), dw.index()));
  }
}
