package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import java.util.List;
import java.util.Optional;

/**
 * RESHAPE: output element {@code f} (row-major) is input element {@code f}; the BHWC views keep the
 * row-major order, so the kernel reads the input by flat index. (A reshape between views of one
 * PHWC4 buffer needs no kernel at all: {@link io.jlite.gpu.fusion.RemoveNoOps} makes it an alias.)
 */
final class ReshapeTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return TemplateSupport.checkTensors(graph, node, 0);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    return GatherSupport.kernel(
        name,
        graph,
        node,
        List.of(TemplateSupport.input(graph, node, 0, "src")),
        TemplateSupport.flatIndex(TemplateSupport.output(graph, node), "f"),
        "$READ_FLAT(src, f)",
        Activation.NONE);
  }
}
