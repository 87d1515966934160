package io.jlite.gpu.fusion;

import io.jlite.gpu.templates.Templates;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Mul;
import java.util.List;

/**
 * Merges a MUL by a per-channel vector ({@link ScaledPointwise}: the scale step of a
 * squeeze-and-excitation block) into the 1×1 CONV_2D that alone reads its output: the kernel scales
 * each input value as it reads it, so the scaled tensor is never stored and the pair is one launch
 * (selfie_segmentation: 6 of its 10 MULs).
 */
public final class FuseScaledPointwise implements GraphPass, ConvPairs.Pair {
  private final int maxBuffers;

  /** Merging every such pair, without a limit on the buffers a kernel binds. */
  public FuseScaledPointwise() {
    this(KernelBuffers.UNLIMITED);
  }

  /** Merging only where the pair's kernel binds at most {@code maxBuffers} buffers. */
  public FuseScaledPointwise(int maxBuffers) {
    this.maxBuffers = maxBuffers;
  }

  @Override
  public FuseScaledPointwise withMaxKernelBuffers(int max) {
    return new FuseScaledPointwise(max);
  }

  @Override
  public Graph apply(Graph graph) {
    return ConvPairs.merge(graph, maxBuffers, this);
  }

  @Override
  public boolean isProducer(Node node) {
    return node.opName().equals("MUL")
        && node.op() instanceof Mul mul
        && mul.activation() == Activation.NONE
        && node.inputs().size() == 2;
  }

  @Override
  public boolean merges(Graph graph, Node mul, Node pw) {
    return pw.opName().equals("CONV_2D")
        && pw.op() instanceof Conv2D
        && scaleInput(graph, mul) >= 0
        && Templates.fusesScaledPointwise(graph, mul, pw);
  }

  @Override
  public Node merged(Node mul, Node pw, List<Integer> inputs) {
    return new Node(
        pw.index(),
        ScaledPointwise.OP_NAME,
        inputs,
        pw.outputs(),
        new ScaledPointwise((Mul) mul.op(), (Conv2D) pw.op(), mul.outputs().get(0), mul.index()));
  }

  /**
   * Which of {@code mul}'s two inputs (0 or 1) is a runtime per-channel scale of the other ([b, 1,
   * 1, c] against [b, h, w, c]); -1 when neither is.
   */
  public static int scaleInput(Graph graph, Node mul) {
    for (int i = 0; i < 2; i++) {
      Shape scale = graph.tensor(mul.inputs().get(i)).shape();
      Shape x = graph.tensor(mul.inputs().get(1 - i)).shape();
      if (scale.rank() == 4
          && x.rank() == 4
          && scale.dim(0) == x.dim(0)
          && scale.dim(1) == 1
          && scale.dim(2) == 1
          && scale.dim(3) == x.dim(3)
          && x.dim(1) * x.dim(2) > 1
          && graph.tensor(mul.inputs().get(i)).constant().isEmpty()) {
        return i;
      }
    }
    return -1;
  }
}
