package io.jlite.gpu.fusion;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loop of the passes that merge a convolution into the convolution that alone reads its output
 * ({@link FuseDepthwisePointwise}, {@link FusePointwiseDepthwise}): the merged node takes the
 * reader's place, with the producer's input, filter and bias followed by the reader's filter and
 * bias as its inputs.
 */
final class ConvPairs {
  /** Which pairs a pass merges, and into what. */
  interface Pair {
    /** Whether {@code node} can be the pair's first op. */
    boolean isProducer(Node node);

    /** Whether the pair of {@code producer} and its lone reader {@code reader} is merged. */
    boolean merges(Graph graph, Node producer, Node reader);

    /** The merged node, with {@code inputs}, in the reader's place. */
    Node merged(Node producer, Node reader, List<Integer> inputs);
  }

  private ConvPairs() {}

  /** {@code graph} with every pair {@code pair} merges merged, where its kernel fits the limit. */
  static Graph merge(Graph graph, int maxBuffers, Pair pair) {
    List<Node> nodes = new ArrayList<>(graph.nodes());
    Usage usage = new Usage(graph);
    for (Node producer : graph.nodes()) {
      if (!pair.isProducer(producer) || producer.outputs().size() != 1) {
        continue;
      }
      int mid = producer.outputs().get(0);
      Optional<Node> lone = usage.loneReader(mid);
      if (lone.isEmpty()
          || lone.get().inputs().get(0) != mid
          || !nodes.contains(lone.get())
          || !pair.merges(graph, producer, lone.get())) {
        continue;
      }
      Node reader = lone.get();
      List<Integer> inputs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        inputs.add(i < producer.inputs().size() ? producer.inputs().get(i) : -1);
      }
      for (int i = 1; i < 3; i++) {
        inputs.add(i < reader.inputs().size() ? reader.inputs().get(i) : -1);
      }
      Node fused = pair.merged(producer, reader, inputs);
      if (KernelBuffers.fit(graph, fused, maxBuffers)) {
        nodes = GraphPass.mergeInto(nodes, producer, reader, fused);
      }
    }
    return new Graph(graph.source(), graph.tensors(), nodes, graph.inputs(), graph.outputs());
  }
}
