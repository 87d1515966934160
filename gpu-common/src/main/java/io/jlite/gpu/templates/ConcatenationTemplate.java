package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.Concatenation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CONCATENATION (float inputs, tensors or constants): along the BHWC axis of the op's axis, output
 * coordinate {@code t} belongs to the first input whose running end exceeds it and reads that input
 * at {@code t} minus the sizes before it; then the fused activation.
 */
final class ConcatenationTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    int[] all = new int[node.inputs().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return TemplateSupport.checkTensors(graph, node, all);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    Concatenation op = (Concatenation) node.op();
    int rank = graph.tensor(node.outputs().get(0)).shape().rank();
    int axis = (op.axis() < 0 ? op.axis() + rank : op.axis()) + 4 - rank;
    String[] out = {"b", "y", "x", "c"};
    List<KernelArg> inputs = new ArrayList<>();
    StringBuilder statements = new StringBuilder("float v = 0.0;\n");
    int end = 0;
    for (int i = 0; i < node.inputs().size(); i++) {
      KernelArg in = TemplateSupport.input(graph, node, i, "src" + i);
      inputs.add(in);
      int size =
          io.jlite.gpu.layout.Phwc4Layout.bhwc(graph.tensor(node.inputs().get(i)).shape())[axis];
      String[] q = out.clone();
      q[axis] = "(" + out[axis] + " - " + end + ")";
      end += size;
      statements
          .append(i == 0 ? "if (" : "else if (")
          .append(out[axis])
          .append(" < ")
          .append(end)
          .append(") { v = $READ_CH(src")
          .append(i)
          .append(", ")
          .append(String.join(", ", q))
          .append("); }\n");
    }
    return GatherSupport.kernel(
        name, graph, node, inputs, statements.toString(), "v", op.activation());
  }
}
