package io.jlite.gpu.fusion;

import io.jlite.gpu.templates.Epilogues;
import io.jlite.gpu.templates.Templates;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fuses elementwise ops into the kernel that produces their input (the paper's §5 "fusion"): RELU,
 * RELU6, TANH, LOGISTIC, HARD_SWISH, and ADD, SUB, MUL, DIV, PRELU whose other operand is a
 * constant or a tensor already computed, are appended to the producing node (or to a node already
 * fused) when the producer's kernel {@linkplain Templates#takesEpilogue takes an epilogue} (any op
 * with a template that supports it: convolutions, the elementwise ops themselves, pooling, resize,
 * concatenation, mean, softmax, data movement; not a {@link BufferAlias}, which has no kernel), its
 * output is read by that elementwise op alone, is no graph output, and keeps its shape through the
 * op (the chain value is never the broadcast side). The already-computed operand must be produced
 * before the producer, since the fused kernel runs at the producer's position.
 */
public final class FuseElementwise implements GraphPass {
  private final int maxBuffers;

  /** Fusion without a limit on the buffers a fused kernel binds. */
  public FuseElementwise() {
    this(KernelBuffers.UNLIMITED);
  }

  /**
   * Fusion that stops before a kernel would bind more than {@code maxBuffers} buffers ({@link
   * KernelBuffers}), e.g. a GLES driver's storage-block limit.
   */
  public FuseElementwise(int maxBuffers) {
    this.maxBuffers = maxBuffers;
  }

  @Override
  public FuseElementwise withMaxKernelBuffers(int max) {
    return new FuseElementwise(max);
  }

  @Override
  public Graph apply(Graph graph) {
    List<Node> nodes = new ArrayList<>(graph.nodes());
    boolean changed = true;
    while (changed) {
      changed = false;
      Graph current =
          new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
      Usage usage = new Usage(current);
      for (int i = 0; i < nodes.size() && !changed; i++) {
        Node producer = nodes.get(i);
        if (!takesEpilogue(current, producer) || producer.outputs().size() != 1) {
          continue;
        }
        int value = producer.outputs().get(0);
        Optional<Node> lone = usage.loneReader(value);
        if (lone.isEmpty()) {
          continue;
        }
        Node consumer = lone.get();
        Optional<Node> fused = fuse(current, usage, producer, consumer, i);
        if (fused.isPresent()) {
          nodes.set(i, fused.get());
          nodes.remove(consumer);
          changed = true;
        }
      }
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }

  /** Whether {@code n} is a kernel to which elementwise steps can be appended. */
  private static boolean takesEpilogue(Graph graph, Node n) {
    if (n.op() instanceof FusedOp) {
      return true;
    }
    // An alias moves no data: there is no kernel whose store could apply the steps.
    return !(n.op() instanceof BufferAlias) && Templates.takesEpilogue(graph, n);
  }

  private Optional<Node> fuse(
      Graph graph, Usage usage, Node producer, Node consumer, int producerPosition) {
    int value = producer.outputs().get(0);
    // A consumer fused already (an elementwise op that took its own chain) would lose its steps.
    if (consumer.outputs().size() != 1 || consumer.op() instanceof FusedOp) {
      return Optional.empty();
    }
    TensorSpec in = graph.tensor(value);
    TensorSpec out = graph.tensor(consumer.outputs().get(0));
    if (!in.shape().equals(out.shape()) || !out.type().isFloating()) {
      return Optional.empty();
    }
    FusedOp base =
        producer.op() instanceof FusedOp f
            ? f
            : new FusedOp(producer.opName(), producer.op(), producer.inputs().size(), List.of());
    List<Integer> inputs = new ArrayList<>(producer.inputs());
    FusedOp.Step step;
    if (Epilogues.unary(consumer.op()).isPresent() && consumer.inputs().size() == 1) {
      step = new FusedOp.Step(consumer.opName(), consumer.index(), consumer.op(), -1, true);
    } else if (Epilogues.binary(consumer.opName()).isPresent() && consumer.inputs().size() == 2) {
      boolean valueFirst = consumer.inputs().get(0) == value;
      int operand = consumer.inputs().get(valueFirst ? 1 : 0);
      TensorSpec o = graph.tensor(operand);
      // The operand must exist when the fused kernel runs, at the producer's position.
      boolean ready = o.isConstant() || usage.producerPosition(operand) < producerPosition;
      if (!ready || !o.type().isFloating() || o.shape().rank() > 4) {
        return Optional.empty();
      }
      if (consumer.opName().equals("PRELU") && !valueFirst) {
        return Optional.empty();
      }
      inputs.add(operand);
      step =
          new FusedOp.Step(
              consumer.opName(), consumer.index(), consumer.op(), inputs.size() - 1, valueFirst);
    } else {
      return Optional.empty();
    }
    Op fused = base.then(step);
    Node node = new Node(producer.index(), producer.opName(), inputs, consumer.outputs(), fused);
    return KernelBuffers.fit(graph, node, maxBuffers) ? Optional.of(node) : Optional.empty();
  }
}
