package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import java.util.List;
import java.util.Optional;

/**
 * MEAN over the H and/or W axes of a 4-D input (constant axes): each output element sums its input
 * elements in row-major order in float and divides by their count, as the reference does. The
 * output's element order is that of the kept axes, so its flat index decomposes over the input's
 * dims with the reduced axes set to 1.
 */
final class MeanTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = TemplateSupport.checkTensors(graph, node, 0);
    if (r.isPresent()) {
      return r;
    }
    Optional<int[]> axes = TemplateSupport.constantInts(graph, node, 1);
    if (axes.isEmpty()) {
      return Optional.of("the axes are not constant");
    }
    if (graph.tensor(node.inputs().get(0)).shape().rank() != 4) {
      return Optional.of("the input is not 4-D");
    }
    for (int a : axes.get()) {
      int axis = a < 0 ? a + 4 : a;
      if (axis != 1 && axis != 2) {
        return Optional.of("reduces axis " + a + "; only H and W are supported");
      }
    }
    return Optional.empty();
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    Shape in = graph.tensor(node.inputs().get(0)).shape();
    boolean[] reduced = new boolean[4];
    for (int a : TemplateSupport.constantInts(graph, node, 1).orElseThrow()) {
      reduced[a < 0 ? a + 4 : a] = true;
    }
    int[] kept = in.toArray();
    int rh = reduced[1] ? in.dim(1) : 1;
    int rw = reduced[2] ? in.dim(2) : 1;
    kept[1] = reduced[1] ? 1 : kept[1];
    kept[2] = reduced[2] ? 1 : kept[2];
    if (reduced[1] && reduced[2]) {
      Optional<KernelSource> global =
          GlobalAverage.kernel(
              name,
              TemplateSupport.input(graph, node, 0, "src"),
              Phwc4Layout.of(in),
              TemplateSupport.output(graph, node),
              Activation.NONE);
      if (global.isPresent()) {
        return global.get();
      }
    }
    String statements =
        TemplateSupport.flatIndex(TemplateSupport.output(graph, node), "f")
            + TemplateSupport.decompose("f", kept, "o")
            + "float acc = 0.0;\n"
            + "for (int ry = 0; ry < "
            + rh
            + "; ry++) {\n"
            + "  for (int rx = 0; rx < "
            + rw
            + "; rx++) {\n"
            + "    acc += $READ_CH(src, o0, o1 + ry, o2 + rx, o3);\n"
            + "  }\n"
            + "}\n";
    return GatherSupport.kernel(
        name,
        graph,
        node,
        List.of(TemplateSupport.input(graph, node, 0, "src")),
        statements,
        "acc / " + (float) (rh * rw),
        Activation.NONE);
  }
}
