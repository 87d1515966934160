package io.jlite.ir;

import io.jlite.ops.Op;
import java.util.List;

/**
 * One operator of the graph, in execution order.
 *
 * @param index position in the model's operator list
 * @param opName TFLite name, e.g. {@code CONV_2D} or {@code CUSTOM:Convolution2DTransposeBias}
 * @param inputs tensor indices; {@code -1} marks an absent optional input
 * @param outputs tensor indices
 * @param op the op with its options, which also computes it
 */
public record Node(int index, String opName, List<Integer> inputs, List<Integer> outputs, Op op) {
  public Node {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  @Override
  public String toString() {
    return "op #" + index + " " + opName;
  }
}
