package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.SpaceToDepth;
import java.util.List;
import java.util.Optional;

/**
 * SPACE_TO_DEPTH (float), the inverse of DEPTH_TO_SPACE: output channel {@code c} at {@code (y, x)}
 * is input channel {@code c % depth} at {@code (y·bs + k / bs, x·bs + k % bs)} with {@code k = c /
 * depth}, {@code depth} the input's channel count, as the reference. A gather like {@link
 * DepthToSpaceTemplate}, one vec4 read per item when {@code depth} is a multiple of 4.
 */
final class SpaceToDepthTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return TemplateSupport.checkFourDimensional(graph, node);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    int bs = ((SpaceToDepth) node.op()).blockSize();
    int depth = graph.tensor(node.inputs().get(0)).shape().dim(3);
    if (depth % 4 == 0) {
      // Output slice s is input slice s % (depth / 4) of the block's pixel: one vec4 read each.
      int slices = depth / 4;
      String k = "(s / " + slices + ")";
      return TemplateSupport.copySlice(
          name,
          graph,
          node,
          "y * " + bs + " + " + k + " / " + bs,
          "x * " + bs + " + " + k + " % " + bs,
          "s % " + slices);
    }
    return GatherSupport.kernel(
        name,
        graph,
        node,
        List.of(TemplateSupport.input(graph, node, 0, "src")),
        "int k = c / " + depth + ";\n",
        "$READ_CH(src, b, y * "
            + bs
            + " + k / "
            + bs
            + ", x * "
            + bs
            + " + k % "
            + bs
            + ", c % "
            + depth
            + ")",
        Activation.NONE);
  }
}
