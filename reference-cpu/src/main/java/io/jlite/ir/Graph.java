package io.jlite.ir;

import java.util.List;

/**
 * A validated, immutable model graph: tensors, operators in execution order, and the graph's input
 * and output tensor indices. Produced by {@link io.jlite.loader.ModelLoader}; every index in it has
 * been checked.
 *
 * @param source where the model came from (a path, or a description), for messages
 */
public record Graph(
    String source,
    List<TensorSpec> tensors,
    List<Node> nodes,
    List<Integer> inputs,
    List<Integer> outputs) {
  public Graph {
    tensors = List.copyOf(tensors);
    nodes = List.copyOf(nodes);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public TensorSpec tensor(int index) {
    return tensors.get(index);
  }
}
