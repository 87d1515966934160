package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import java.util.List;
import java.util.Optional;

/**
 * TRANSPOSE (constant permutation): output axis i is input axis perm[i], so the input coordinate
 * along perm[i] is the output's coordinate along i. A rank-r permutation is extended to the BHWC
 * view by leaving the 4 - r leading axes in place.
 */
final class TransposeTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = TemplateSupport.checkTensors(graph, node, 0);
    if (r.isEmpty() && TemplateSupport.constantInts(graph, node, 1).isEmpty()) {
      return Optional.of("the permutation is not constant");
    }
    return r;
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    int[] perm = TemplateSupport.constantInts(graph, node, 1).orElseThrow();
    int offset = 4 - perm.length;
    String[] out = {"b", "y", "x", "c"};
    String[] in = new String[4];
    for (int i = 0; i < 4; i++) {
      int source = i < offset ? i : perm[i - offset] + offset;
      in[source] = out[i];
    }
    return GatherSupport.kernel(
        name,
        graph,
        node,
        List.of(TemplateSupport.input(graph, node, 0, "src")),
        "",
        "$READ_CH(src, " + String.join(", ", in) + ")",
        Activation.NONE);
  }
}
