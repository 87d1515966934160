package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.ResizeNearestNeighbor;
import java.util.Optional;

/**
 * RESIZE_NEAREST_NEIGHBOR (float): output coordinate {@code o} copies input {@code min(round((o +
 * offset)·scale), in - 1)} with align_corners (rounding half up as {@code floor(p + 0.5)}; p ≥ 0),
 * else {@code min(floor(...), in - 1)}, kept ≥ 0 with half_pixel_centers, as the reference.
 */
final class ResizeNearestNeighborTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return TemplateSupport.checkFourDimensional(graph, node);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    ResizeNearestNeighbor op = (ResizeNearestNeighbor) node.op();
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(node.inputs().get(0)).shape());
    Phwc4Layout out = Phwc4Layout.of(graph.tensor(node.outputs().get(0)).shape());
    return TemplateSupport.copySlice(
        name,
        graph,
        node,
        nearest(op, "y", in.height(), out.height()),
        nearest(op, "x", in.width(), out.width()),
        "s");
  }

  private static String nearest(ResizeNearestNeighbor op, String o, int in, int out) {
    float scale = ResizeSupport.scale(in, out, op.alignCorners());
    String p = "(float(" + o + ") + " + (op.halfPixelCenters() ? "0.5" : "0.0") + ") * " + scale;
    String index =
        "min(int(floor(" + p + (op.alignCorners() ? " + 0.5" : "") + ")), " + (in - 1) + ")";
    return op.halfPixelCenters() ? "max(0, " + index + ")" : index;
  }
}
