package io.jlite.gpu.templates;

import io.jlite.DataType;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Activation;
import io.jlite.ops.StridedSlice;
import java.util.List;
import java.util.Optional;

/**
 * SLICE and STRIDED_SLICE (constant operands): along each input axis the output takes elements
 * {@code start + i·step}. Rather than restating the reference's begin/end/mask rules, the template
 * asks the reference op itself: it runs the op on integer tensors holding each element's coordinate
 * along one axis, and reads {@code start} and {@code step} off the result. Shrunk axes count as
 * size 1 in the output's element order.
 */
final class StridedGatherTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = TemplateSupport.checkTensors(graph, node, 0);
    if (r.isPresent()) {
      return r;
    }
    for (int i = 1; i < node.inputs().size(); i++) {
      if (TemplateSupport.constantInts(graph, node, i).isEmpty()) {
        return Optional.of("operand " + i + " is not constant");
      }
    }
    return Optional.empty();
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    Shape inShape = graph.tensor(node.inputs().get(0)).shape();
    int rank = inShape.rank();
    int[] counts = countDims(graph, node, rank);
    int[] start = new int[rank];
    int[] step = new int[rank];
    int[] countStrides = Shape.of(counts).strides();
    for (int d = 0; d < rank; d++) {
      int[] picked = probe(graph, node, inShape, d);
      start[d] = picked[0];
      step[d] = counts[d] > 1 ? picked[countStrides[d]] - start[d] : 0;
    }
    int offset = 4 - rank;
    int[] count4 = Phwc4Layout.bhwc(Shape.of(counts));
    StringBuilder statements =
        new StringBuilder(TemplateSupport.flatIndex(TemplateSupport.output(graph, node), "f"));
    statements.append(TemplateSupport.decompose("f", count4, "o"));
    String[] coordinates = new String[4];
    for (int a = 0; a < 4; a++) {
      int d = a - offset;
      coordinates[a] = d < 0 ? "0" : "(" + start[d] + " + o" + a + " * " + step[d] + ")";
    }
    return GatherSupport.kernel(
        name,
        graph,
        node,
        List.of(TemplateSupport.input(graph, node, 0, "src")),
        statements.toString(),
        "$READ_CH(src, " + String.join(", ", coordinates) + ")",
        Activation.NONE);
  }

  /** The output's dims with the shrunk axes put back as 1. */
  private static int[] countDims(Graph graph, Node node, int rank) {
    Shape out = graph.tensor(node.outputs().get(0)).shape();
    int shrink = node.op() instanceof StridedSlice s ? s.shrinkAxisMask() : 0;
    int operandLength = TemplateSupport.constantInts(graph, node, 1).orElseThrow().length;
    int[] counts = new int[rank];
    int o = 0;
    for (int d = 0; d < rank; d++) {
      counts[d] = d < operandLength && (shrink & (1 << d)) != 0 ? 1 : out.dim(o++);
    }
    return counts;
  }

  /** The op applied to a tensor holding each element's coordinate along {@code axis}. */
  private static int[] probe(Graph graph, Node node, Shape inShape, int axis) {
    int[] coordinate = new int[inShape.size()];
    int stride = inShape.strides()[axis];
    for (int i = 0; i < coordinate.length; i++) {
      coordinate[i] = (i / stride) % inShape.dim(axis);
    }
    NdArray[] inputs = new NdArray[node.inputs().size()];
    inputs[0] = NdArray.ofInts(DataType.INT32, inShape, coordinate);
    for (int i = 1; i < inputs.length; i++) {
      TensorSpec t = graph.tensor(node.inputs().get(i));
      inputs[i] = t.constant().orElseThrow();
    }
    return node.op().apply(inputs)[0].ints();
  }
}
