package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import java.util.List;
import java.util.Optional;

/**
 * PAD and PADV2 (constant paddings and pad value): output coordinate {@code o} reads input {@code o
 * - before} along every axis when that lies inside the input, else takes the pad value (0, or
 * PADV2's constant).
 */
final class PadTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = TemplateSupport.checkTensors(graph, node, 0);
    if (r.isEmpty() && TemplateSupport.constantInts(graph, node, 1).isEmpty()) {
      return Optional.of("the paddings are not constant");
    }
    if (r.isEmpty()
        && node.inputs().size() > 2
        && node.inputs().get(2) >= 0
        && TemplateSupport.constantFloats(graph, node, 2).isEmpty()) {
      return Optional.of("the pad value is not constant");
    }
    return r;
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    int[] pads = TemplateSupport.constantInts(graph, node, 1).orElseThrow();
    int rank = pads.length / 2;
    int[] in = io.jlite.gpu.layout.Phwc4Layout.bhwc(graph.tensor(node.inputs().get(0)).shape());
    float padValue = TemplateSupport.constantFloats(graph, node, 2).map(v -> v[0]).orElse(0f);
    String[] out = {"b", "y", "x", "c"};
    StringBuilder statements = new StringBuilder("bool inside = true;\n");
    String[] q = new String[4];
    for (int a = 0; a < 4; a++) {
      int d = a - (4 - rank);
      int before = d < 0 ? 0 : pads[2 * d];
      q[a] = "q" + a;
      statements
          .append("int q")
          .append(a)
          .append(" = ")
          .append(out[a])
          .append(" - ")
          .append(before)
          .append(";\n");
      statements
          .append("inside = inside && q")
          .append(a)
          .append(" >= 0 && q")
          .append(a)
          .append(" < ")
          .append(in[a])
          .append(";\n");
    }
    return GatherSupport.kernel(
        name,
        graph,
        node,
        List.of(TemplateSupport.input(graph, node, 0, "src")),
        statements.toString(),
        "(inside ? $READ_CH(src, " + String.join(", ", q) + ") : " + padValue + ")",
        Activation.NONE);
  }
}
