package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.ResizeNearestNeighbor;
import java.util.List;
import java.util.Optional;

/**
 * RESIZE_NEAREST_NEIGHBOR (float): output coordinate {@code o} copies input {@code min(round((o +
 * offset)·scale), in - 1)} with align_corners (rounding half up as {@code floor(p + 0.5)}; p ≥ 0),
 * else {@code min(floor(...), in - 1)}, kept ≥ 0 with half_pixel_centers, as the reference.
 */
final class ResizeNearestNeighborTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = TemplateSupport.checkTensors(graph, node, 0);
    if (r.isEmpty() && graph.tensor(node.inputs().get(0)).shape().rank() != 4) {
      return Optional.of("the input is not 4-D");
    }
    return r;
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    ResizeNearestNeighbor op = (ResizeNearestNeighbor) node.op();
    TensorArg dst = output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(node.inputs().get(0)).shape());
    Phwc4Layout out = dst.layout();
    String body =
        slicePrologue(dst)
            + "int iy = "
            + nearest(op, "y", in.height(), out.height())
            + ";\n"
            + "int ix = "
            + nearest(op, "x", in.width(), out.width())
            + ";\n"
            + "$WRITE(dst, b, y, x, s, $READ(src, b, iy, ix, s));\n";
    return TemplateSupport.kernel(
        name,
        List.of(),
        body,
        List.of(TemplateSupport.input(graph, node, 0, "src"), dst),
        TemplateSupport.sliceGrid(dst),
        Activation.NONE);
  }

  private static String nearest(ResizeNearestNeighbor op, String o, int in, int out) {
    float scale = ResizeSupport.scale(in, out, op.alignCorners());
    String p = "(float(" + o + ") + " + (op.halfPixelCenters() ? "0.5" : "0.0") + ") * " + scale;
    String index =
        "min(int(floor(" + p + (op.alignCorners() ? " + 0.5" : "") + ")), " + (in - 1) + ")";
    return op.halfPixelCenters() ? "max(0, " + index + ")" : index;
  }
}
