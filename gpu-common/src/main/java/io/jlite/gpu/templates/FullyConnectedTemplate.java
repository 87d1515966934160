package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.checkTensors;
import static io.jlite.gpu.templates.TemplateSupport.constantFloats;
import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.FullyConnected;
import java.util.List;
import java.util.Optional;

/**
 * FULLY_CONNECTED (constant weights and bias): the output's units are its channels, so row {@code
 * r} is the output position {@code (b·H + y)·W + x}; it reads input elements {@code r·depth + d} by
 * flat index (whatever the input's shape) times the packed weights of four units. The bias is added
 * after the dot product, then the fused activation.
 */
final class FullyConnectedTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = checkTensors(graph, node, 0);
    if (r.isPresent()) {
      return r;
    }
    if (constantFloats(graph, node, 1).isEmpty()) {
      return Optional.of("the weights are not constant");
    }
    if (node.inputs().size() > 2
        && node.inputs().get(2) >= 0
        && constantFloats(graph, node, 2).isEmpty()) {
      return Optional.of("the bias is not constant");
    }
    return Optional.empty();
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    TensorArg dst = output(graph, node);
    Phwc4Layout out = dst.layout();
    Shape weights = graph.tensor(node.inputs().get(1)).shape();
    int units = weights.dim(0);
    int depth = weights.dim(1);
    float[] w = constantFloats(graph, node, 1).orElseThrow();
    float[] packed = new float[out.slices() * depth * 4];
    for (int u = 0; u < units; u++) {
      for (int d = 0; d < depth; d++) {
        packed[((u / 4) * depth + d) * 4 + u % 4] = w[u * depth + d];
      }
    }
    List<KernelArg> args =
        List.of(
            TemplateSupport.input(graph, node, 0, "src"),
            ConstArg.weights("weights", packed),
            TemplateSupport.bias(constantFloats(graph, node, 2), units),
            dst);
    Activation activation = ((FullyConnected) node.op()).activation();
    String row = "int row = (b * " + out.height() + " + y) * " + out.width() + " + x;\n";
    Optional<Integer> lanes = SplitReduction.lanes(out, depth);
    if (lanes.isPresent()) {
      // A group of items shares each output slice, taking every lanes-th input element.
      String accumulate =
          row
              + "for (int d = r; d < "
              + depth
              + "; d += "
              + lanes.get()
              + ") {\n"
              + "  acc += $READ_FLAT(src, row * "
              + depth
              + " + d) * $CONST(weights, s * "
              + depth
              + " + d);\n}\n";
      return SplitReduction.kernel(
          name, dst, lanes.get(), accumulate, "sum + $CONST(bias, s)", args, activation);
    }
    String body =
        slicePrologue(dst)
            + row
            + "vec4 acc = vec4(0.0);\n"
            + "for (int d = 0; d < "
            + depth
            + "; d++) {\n"
            + "  int i = row * "
            + depth
            + " + d;\n"
            + "  acc += $READ_FLAT(src, i) * $CONST(weights, s * "
            + depth
            + " + d);\n"
            + "}\n"
            + "$WRITE(dst, b, y, x, s, acc + $CONST(bias, s));\n";
    return TemplateSupport.kernel(
        name, List.of(), body, args, TemplateSupport.sliceGrid(dst), activation);
  }
}
