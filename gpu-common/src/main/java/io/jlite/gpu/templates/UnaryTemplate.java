package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.checkTensors;
import static io.jlite.gpu.templates.TemplateSupport.input;
import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.List;
import java.util.Optional;

/**
 * RELU, RELU6, TANH, LOGISTIC, HARD_SWISH standalone: copies the input slice and applies the
 * function as the epilogue, the same code a fused activation uses.
 */
record UnaryTemplate(UnaryFunction function) implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return checkTensors(graph, node, 0);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    TensorArg dst = output(graph, node);
    String body = slicePrologue(dst) + "$WRITE(dst, b, y, x, s, $READ(src, b, y, x, s));\n";
    KernelSource k =
        new KernelSource(
            name,
            List.of(),
            body,
            List.of(input(graph, node, 0, "src"), dst),
            TemplateSupport.sliceGrid(dst),
            "");
    return TemplateSupport.withSteps(k, List.of(new EpilogueStep.Unary(function)));
  }
}
