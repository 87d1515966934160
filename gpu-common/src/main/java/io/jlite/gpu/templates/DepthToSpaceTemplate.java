package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.DepthToSpace;
import java.util.List;
import java.util.Optional;

/**
 * DEPTH_TO_SPACE (float, TensorFlow's DCR order): output channel {@code c} at {@code (y, x)} is
 * input channel {@code ((y % bs)·bs + x % bs)·depth + c} at {@code (y / bs, x / bs)}, {@code depth}
 * the output's channel count, as the reference. A gather: each lane reads one input channel, or
 * each item one input slice when {@code depth} is a multiple of 4.
 */
final class DepthToSpaceTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return TemplateSupport.checkFourDimensional(graph, node);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    int bs = ((DepthToSpace) node.op()).blockSize();
    int depth = graph.tensor(node.outputs().get(0)).shape().dim(3);
    if (depth % 4 == 0) {
      // Whole output slices come from whole input slices: one vec4 read each.
      String slice = "((y % " + bs + ") * " + bs + " + x % " + bs + ") * " + depth / 4 + " + s";
      return TemplateSupport.copySlice(name, graph, node, "y / " + bs, "x / " + bs, slice);
    }
    String channel = "((y % " + bs + ") * " + bs + " + x % " + bs + ") * " + depth + " + c";
    return GatherSupport.kernel(
        name,
        graph,
        node,
        List.of(TemplateSupport.input(graph, node, 0, "src")),
        "",
        "$READ_CH(src, b, y / " + bs + ", x / " + bs + ", " + channel + ")",
        Activation.NONE);
  }
}
