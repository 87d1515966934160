package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.checkTensors;
import static io.jlite.gpu.templates.TemplateSupport.input;
import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Div;
import io.jlite.ops.Mul;
import io.jlite.ops.Sub;
import java.util.Optional;

/**
 * ADD, SUB, MUL, DIV and PRELU of two operands (tensors or constants) with numpy broadcasting in
 * the BHWC view, then the fused activation. A broadcast axis reads coordinate 0; a one-channel
 * operand is splat to all lanes ({@code $READ_BC}).
 */
record BinaryTemplate(BinaryFunction function) implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return checkTensors(graph, node, 0, 1);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    TensorArg dst = output(graph, node);
    String body =
        slicePrologue(dst)
            + "$WRITE(dst, b, y, x, s, "
            + function.expression("$READ_BC(a, b, y, x, s)", "$READ_BC(c, b, y, x, s)")
            + ");\n";
    return TemplateSupport.kernel(
        name,
        function.functions(),
        body,
        java.util.List.of(input(graph, node, 0, "a"), input(graph, node, 1, "c"), dst),
        TemplateSupport.sliceGrid(dst),
        activation(node));
  }

  /** The fused activation of ADD, SUB, MUL and DIV (PRELU has none). */
  static Activation activation(Node node) {
    if (node.op() instanceof Add a) {
      return a.activation();
    } else if (node.op() instanceof Sub s) {
      return s.activation();
    } else if (node.op() instanceof Mul m) {
      return m.activation();
    } else if (node.op() instanceof Div d) {
      return d.activation();
    }
    return Activation.NONE;
  }
}
