package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.constantFloats;
import static io.jlite.gpu.templates.TemplateSupport.output;

import io.jlite.gpu.fusion.DepthwisePointwise;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DepthwisePointwise} pair as one kernel: the {@link BlockedPointwiseConv} kernel of the
 * 1×1 convolution, whose input values are computed where they are read, by the depthwise window sum
 * (bias after the sum, then the depthwise activation, as the two ops in sequence). Each block of
 * output slices recomputes the depthwise values of its positions, so only pairs with small windows
 * whose pointwise op takes the blocked split form (low resolution, long reduction) are fused.
 */
final class DepthwisePointwiseTemplate implements OpTemplate {
  /** Largest depthwise window fused (3×3: the recomputed work stays near the pointwise work). */
  static final int MAX_TAPS = 9;

  private static final DepthwiseConv2DTemplate DEPTHWISE = new DepthwiseConv2DTemplate();
  private static final Conv2DTemplate POINTWISE = new Conv2DTemplate();

  /** Whether the pair (depthwise {@code dw} and the 1×1 {@code pw} reading it) is fused. */
  static boolean fuses(Graph graph, Node dw, Node pw) {
    return reason(graph, dw, pw).isEmpty();
  }

  private static Optional<String> reason(Graph graph, Node dw, Node pw) {
    Optional<String> r = DEPTHWISE.unsupportedReason(graph, dw);
    if (r.isEmpty()) {
      r = POINTWISE.unsupportedReason(graph, pw);
    }
    if (r.isPresent()) {
      return r;
    }
    Shape in = graph.tensor(dw.inputs().get(0)).shape();
    Shape dwFilter = graph.tensor(dw.inputs().get(1)).shape();
    Shape pwFilter = graph.tensor(pw.inputs().get(1)).shape();
    ConvGeometry g = ConvGeometry.of(graph, pw);
    if (dwFilter.dim(3) != in.dim(3)) {
      return Optional.of("depth multiplier other than 1");
    }
    if (dwFilter.dim(1) * dwFilter.dim(2) > MAX_TAPS) {
      return Optional.of("depthwise window larger than " + MAX_TAPS + " taps");
    }
    if (pwFilter.dim(1) != 1
        || pwFilter.dim(2) != 1
        || g.strideH() != 1
        || g.strideW() != 1
        || g.padTop() != 0
        || g.padLeft() != 0) {
      return Optional.of("the second convolution is not 1x1 with stride 1");
    }
    Phwc4Layout out = Phwc4Layout.of(graph.tensor(pw.outputs().get(0)).shape());
    Phwc4Layout mid = Phwc4Layout.of(graph.tensor(pw.inputs().get(0)).shape());
    if (SplitReduction.lanes(out, mid.slices()).isEmpty()) {
      return Optional.of("the pointwise convolution has enough outputs to fill the GPU unfused");
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    if (!(node.op() instanceof DepthwisePointwise)) {
      return Optional.of("not a fused depthwise + pointwise pair");
    }
    return reason(graph, depthwiseNode(node), pointwiseNode(node));
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    Node dw = depthwiseNode(node);
    Node pw = pointwiseNode(node);
    ConvGeometry dg = ConvGeometry.of(graph, dw);
    ConvGeometry pg = ConvGeometry.of(graph, pw);
    TensorArg dst = output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(dw.inputs().get(0)).shape());
    Phwc4Layout mid = Phwc4Layout.of(graph.tensor(pw.inputs().get(0)).shape());
    Shape dwFilter = graph.tensor(dw.inputs().get(1)).shape();
    Shape pwFilter = graph.tensor(pw.inputs().get(1)).shape();
    int kH = dwFilter.dim(1);
    int kW = dwFilter.dim(2);
    List<KernelArg> args =
        List.of(
            TemplateSupport.input(graph, dw, 0, "src"),
            DepthwiseConv2DTemplate.pack(
                "dwWeights", constantFloats(graph, dw, 1).orElseThrow(), kH, kW, dwFilter.dim(3)),
            TemplateSupport.bias("dwBias", constantFloats(graph, dw, 2), dwFilter.dim(3)),
            ConvWeights.pack(
                constantFloats(graph, pw, 1).orElseThrow(), pwFilter.dim(0), 1, 1, pwFilter.dim(3)),
            TemplateSupport.bias(constantFloats(graph, pw, 2), pwFilter.dim(0)),
            dst);
    List<String> functions = new ArrayList<>();
    StringBuilder activation = new StringBuilder();
    for (UnaryFunction f : UnaryFunction.of(dg.activation())) {
      functions.addAll(f.functions());
      activation.append(f.statements());
    }
    String window =
        TemplateSupport.windowLoops(
            kH,
            kW,
            dg.strideH(),
            dg.strideW(),
            dg.padTop(),
            dg.padLeft(),
            dg.dilationH(),
            dg.dilationW(),
            in);
    int lanes = SplitReduction.lanes(dst.layout(), mid.slices()).orElseThrow();
    return BlockedPointwiseConv.kernel(
        name,
        dst,
        mid,
        1,
        1,
        lanes,
        args,
        pg.activation(),
        functions,
        j -> depthwiseValue(j, kH, kW, window, activation.toString()));
  }

  /**
   * Statements defining {@code vec4 v<j>}: the depthwise output at row {@code iy<j>}, column {@code
   * ix<j>}, slice {@code is}. The window loops are written for an output (y, x), so they get those
   * names in a block of their own.
   */
  private static String depthwiseValue(int j, int kH, int kW, String window, String activation) {
    return String.format(
        """
        vec4 v%1$d = vec4(0.0);
        {
          int y = iy%1$d;
          int x = ix%1$d;
          vec4 acc = vec4(0.0);
        %2$s    acc += $READ(src, b, iy, ix, is) * $CONST(dwWeights, (is * %3$d + ky) * %4$d + kx);
        %5$s  vec4 value = acc + $CONST(dwBias, is);
        %6$s  v%1$d = value;
        }
        """,
        j,
        window.strip().indent(2),
        kH,
        kW,
        TemplateSupport.WINDOW_END.strip().indent(2),
        activation.strip().indent(2));
  }

  /** The depthwise op of a fused node, as the node it was. */
  private static Node depthwiseNode(Node node) {
    DepthwisePointwise f = (DepthwisePointwise) node.op();
    return new Node(
        node.index(),
        "DEPTHWISE_CONV_2D",
        node.inputs().subList(0, 3),
        List.of(f.intermediate()),
        f.depthwise());
  }

  /** The pointwise op of a fused node, reading the depthwise op's (unwritten) tensor. */
  private static Node pointwiseNode(Node node) {
    DepthwisePointwise f = (DepthwisePointwise) node.op();
    return new Node(
        node.index(),
        "CONV_2D",
        List.of(f.intermediate(), node.inputs().get(3), node.inputs().get(4)),
        node.outputs(),
        f.pointwise());
  }

  @Override
  public boolean takesEpilogue() {
    return true;
  }
}
