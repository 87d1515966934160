package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.ResizeBilinear;
import java.util.List;
import java.util.Optional;

/**
 * RESIZE_BILINEAR: per output slice, the reference's float arithmetic step by step (source
 * coordinate, clamped neighbours, weights from the unclamped coordinate, the four products summed
 * in the reference's order). The scales are computed here in Java exactly as the reference computes
 * them and inlined as float literals.
 */
final class ResizeBilinearTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return TemplateSupport.checkFourDimensional(graph, node);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    ResizeBilinear op = (ResizeBilinear) node.op();
    TensorArg dst = output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(node.inputs().get(0)).shape());
    Phwc4Layout out = dst.layout();
    float scaleH = ResizeSupport.scale(in.height(), out.height(), op.alignCorners());
    float scaleW = ResizeSupport.scale(in.width(), out.width(), op.alignCorners());
    String body =
        slicePrologue(dst)
            + "float inY = "
            + ResizeSupport.source("y", scaleH, op.halfPixelCenters())
            + ";\n"
            + "int y0 = max(int(floor(inY)), 0);\n"
            + "int y1 = min(int(ceil(inY)), "
            + (in.height() - 1)
            + ");\n"
            + "float inX = "
            + ResizeSupport.source("x", scaleW, op.halfPixelCenters())
            + ";\n"
            + "int x0 = max(int(floor(inX)), 0);\n"
            + "int x1 = min(int(ceil(inX)), "
            + (in.width() - 1)
            + ");\n"
            + "float dy = inY - float(y0);\n"
            + "float dx = inX - float(x0);\n"
            + "vec4 r = $READ(src, b, y0, x0, s) * (1.0 - dy) * (1.0 - dx)"
            + " + $READ(src, b, y1, x0, s) * dy * (1.0 - dx)"
            + " + $READ(src, b, y0, x1, s) * (1.0 - dy) * dx"
            + " + $READ(src, b, y1, x1, s) * dy * dx;\n"
            + "$WRITE(dst, b, y, x, s, r);\n";
    return TemplateSupport.kernel(
        name,
        List.of(),
        body,
        List.of(TemplateSupport.input(graph, node, 0, "src"), dst),
        TemplateSupport.sliceGrid(dst),
        Activation.NONE);
  }
}
