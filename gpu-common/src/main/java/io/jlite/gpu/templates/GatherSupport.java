package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Activation;
import java.util.List;

/**
 * The shape of the data-movement kernels (RESHAPE, TRANSPOSE, SLICE, STRIDED_SLICE, PAD,
 * CONCATENATION, MEAN): one work item per output slice fills its lanes one channel at a time, each
 * from a scalar read of the input at coordinates the template computes from the output's {@code (b,
 * y, x, c)}.
 */
final class GatherSupport {
  private GatherSupport() {}

  /**
   * A kernel whose lane for channel {@code c} runs {@code statements} and takes {@code expression}.
   */
  static KernelSource kernel(
      String name,
      Graph graph,
      Node node,
      List<KernelArg> inputs,
      String statements,
      String expression,
      Activation activation) {
    TensorArg dst = TemplateSupport.output(graph, node);
    String body =
        TemplateSupport.slicePrologue(dst)
            + TemplateSupport.perLane(dst, "r", statements, expression)
            + "$WRITE(dst, b, y, x, s, r);\n";
    List<KernelArg> args = new java.util.ArrayList<>(inputs);
    args.add(dst);
    return TemplateSupport.kernel(
        name, List.of(), body, args, TemplateSupport.sliceGrid(dst), activation);
  }
}
