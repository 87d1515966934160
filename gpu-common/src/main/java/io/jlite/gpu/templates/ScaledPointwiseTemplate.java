package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.constantFloats;

import io.jlite.gpu.fusion.FuseScaledPointwise;
import io.jlite.gpu.fusion.ScaledPointwise;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import java.util.List;
import java.util.Optional;

/**
 * A MUL by a per-channel scale fused into the 1×1 convolution reading it ({@link ScaledPointwise}):
 * the 1×1 kernel ({@link BlockedPointwiseConv} or {@link TiledPointwiseConv}, as {@link
 * Conv2DTemplate} picks for the convolution alone) reads each input slice times the scale's slice.
 */
final class ScaledPointwiseTemplate implements OpTemplate {
  private static final Conv2DTemplate POINTWISE = new Conv2DTemplate();

  /** Whether the MUL {@code mul} and the 1×1 {@code pw} reading it can be one kernel. */
  static boolean fuses(Graph graph, Node mul, Node pw) {
    return reason(graph, pw).isEmpty();
  }

  private static Optional<String> reason(Graph graph, Node pw) {
    Optional<String> r = POINTWISE.unsupportedReason(graph, pw);
    return r.isPresent() ? r : TemplateSupport.notUnitPointwise(graph, pw, "the convolution");
  }

  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    if (!(node.op() instanceof ScaledPointwise)) {
      return Optional.of("not a fused MUL + pointwise pair");
    }
    if (FuseScaledPointwise.scaleInput(graph, mulNode(node)) < 0) {
      return Optional.of("the MUL is not by a per-channel scale");
    }
    return reason(graph, pointwiseNode(node));
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    Node pw = pointwiseNode(node);
    int scale = FuseScaledPointwise.scaleInput(graph, mulNode(node));
    TensorArg dst = TemplateSupport.output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(pw.inputs().get(0)).shape());
    Shape filter = graph.tensor(pw.inputs().get(1)).shape();
    List<KernelArg> args =
        List.of(
            TemplateSupport.input(graph, node, 1 - scale, "src"),
            TemplateSupport.input(graph, node, scale, "scale"),
            ConvWeights.pack(
                constantFloats(graph, pw, 1).orElseThrow(), filter.dim(0), 1, 1, filter.dim(3)),
            TemplateSupport.bias(constantFloats(graph, pw, 2), filter.dim(0)),
            dst);
    ComputedInput input =
        new ComputedInput(List.of(), "v = $READ(src, b, iy, ix, is) * $READ(scale, b, 0, 0, is);");
    ConvGeometry g = ConvGeometry.of(graph, pw);
    Optional<Integer> lanes = SplitReduction.lanes(dst.layout(), in.slices());
    if (lanes.isPresent()) {
      return BlockedPointwiseConv.kernel(
          name, dst, in, 1, 1, lanes.get(), args, g.activation(), input, false);
    }
    return TiledPointwiseConv.kernel(name, dst, in, 1, 1, args, g.activation(), input);
  }

  /** The MUL of a fused node, as the node it was (with the merged node's absent third input). */
  private static Node mulNode(Node node) {
    ScaledPointwise f = (ScaledPointwise) node.op();
    return TemplateSupport.firstOfPair(node, f.mulIndex(), "MUL", f.intermediate(), f.mul());
  }

  /** The 1×1 convolution of a fused node, reading the MUL's (unwritten) tensor. */
  private static Node pointwiseNode(Node node) {
    ScaledPointwise f = (ScaledPointwise) node.op();
    return TemplateSupport.secondOfPair(node, "CONV_2D", f.intermediate(), f.pointwise());
  }
}
