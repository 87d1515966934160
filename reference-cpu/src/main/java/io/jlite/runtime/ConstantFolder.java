package io.jlite.runtime;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.LoaderLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates, once at preparation time, every node whose inputs are all constants, and turns its
 * outputs into constants. In MediaPipe models this is the {@code DEQUANTIZE} of every fp16 weight,
 * which would otherwise run on each inference; backends then see plain fp32 constant weights.
 */
public final class ConstantFolder {
  private ConstantFolder() {}

  /** {@link #fold(Graph, LoaderLimits)} with the default limits. */
  public static Graph fold(Graph graph) {
    return fold(graph, LoaderLimits.DEFAULT);
  }

  /**
   * A graph equal in results to {@code graph}, without nodes that only read constants; {@code
   * limits} bound what value-shaped ops may compute (see {@link OpCall}).
   */
  public static Graph fold(Graph graph, LoaderLimits limits) {
    List<TensorSpec> tensors = new ArrayList<>(graph.tensors());
    List<Node> remaining = new ArrayList<>();
    for (Node node : graph.nodes()) {
      if (!allInputsConstant(node, tensors)) {
        remaining.add(node);
        continue;
      }
      NdArray[] in = new NdArray[node.inputs().size()];
      for (int i = 0; i < in.length; i++) {
        int t = node.inputs().get(i);
        in[i] = t < 0 ? null : tensors.get(t).constant().orElseThrow();
      }
      NdArray[] out = OpCall.apply(graph, node, in, limits);
      for (int i = 0; i < node.outputs().size(); i++) {
        TensorSpec spec = tensors.get(node.outputs().get(i));
        if (i >= out.length || !out[i].shape().equals(spec.shape())) {
          throw new ShapeMismatchException(
              graph.source()
                  + ": "
                  + node
                  + " computed a constant that does not match the"
                  + " declared "
                  + spec.describe()
                  + " "
                  + spec.shape());
        }
        tensors.set(
            spec.index(),
            new TensorSpec(
                spec.index(),
                spec.name(),
                spec.type(),
                spec.shape(),
                spec.quantization(),
                Optional.of(out[i])));
      }
    }
    return new Graph(graph.source(), tensors, remaining, graph.inputs(), graph.outputs());
  }

  private static boolean allInputsConstant(Node node, List<TensorSpec> tensors) {
    for (int t : node.inputs()) {
      if (t >= 0 && !tensors.get(t).isConstant()) {
        return false;
      }
    }
    return true;
  }
}
