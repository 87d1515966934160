package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.Softmax;
import java.util.List;
import java.util.Optional;

/**
 * SOFTMAX along the channels (the last axis): one work item per (x, y, b) finds the row's maximum,
 * sums {@code exp((v - max)·beta)} over the real channels in order, in float, then writes every
 * slice divided by the sum, as the reference does.
 */
final class SoftmaxTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = TemplateSupport.checkTensors(graph, node, 0);
    if (r.isEmpty() && graph.tensor(node.inputs().get(0)).shape().rank() < 1) {
      return Optional.of("the input is a scalar");
    }
    return r;
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    float beta = ((Softmax) node.op()).beta();
    TensorArg dst = TemplateSupport.output(graph, node);
    Phwc4Layout l = dst.layout();
    String body =
        "int x = $GID(0);\n"
            + "int y = $GID(1);\n"
            + "int b = $GID(2);\n"
            + "if (x >= "
            + l.width()
            + " || y >= "
            + l.height()
            + " || b >= "
            + l.batch()
            + ") { return; }\n"
            + "float m = "
            + -Float.MAX_VALUE
            + ";\n"
            + "for (int c = 0; c < "
            + l.channels()
            + "; c++) {\n"
            + "  float v = $READ_CH(src, b, y, x, c);\n"
            + "  m = v > m ? v : m;\n"
            + "}\n"
            + "float sum = 0.0;\n"
            + "for (int c = 0; c < "
            + l.channels()
            + "; c++) {\n"
            + "  sum += exp(($READ_CH(src, b, y, x, c) - m) * "
            + beta
            + ");\n"
            + "}\n"
            + "for (int s = 0; s < "
            + l.slices()
            + "; s++) {\n"
            + "  $WRITE(dst, b, y, x, s, exp(($READ(src, b, y, x, s) - m) * "
            + beta
            + ") / sum);\n"
            + "}\n";
    return TemplateSupport.kernel(
        name,
        List.of(),
        body,
        List.of(TemplateSupport.input(graph, node, 0, "src"), dst),
        new Grid(l.width(), l.height(), l.batch()),
        Activation.NONE);
  }
}
