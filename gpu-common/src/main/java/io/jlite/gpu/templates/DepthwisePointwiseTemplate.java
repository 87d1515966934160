package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.output;

import io.jlite.gpu.fusion.DepthwisePointwise;
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
 * A {@link DepthwisePointwise} pair (the separable convolution of MobileNet-style blocks) as one
 * kernel; the intermediate tensor is never stored and the pair costs one launch instead of two.
 * Each depthwise value is the window sum, bias, then the depthwise activation, as the two ops in
 * sequence, computed where the 1×1 convolution's kernel first needs it:
 *
 * <ul>
 *   <li>with many outputs, the {@link TiledPointwiseConv} matrix product, whose items compute the
 *       depthwise values where they copy them into the shared input tile (once per tile of at most
 *       16 output slices);
 *   <li>at low resolution with a long reduction, the {@link BlockedPointwiseConv#staged staged}
 *       split form: the items of a workgroup first compute the depthwise values of their block of
 *       positions, every slice, into shared memory, once for up to 16 blocks of output slices.
 * </ul>
 */
final class DepthwisePointwiseTemplate implements OpTemplate {
  /**
   * Fewest workgroups of a fused tiled kernel, and most depthwise taps each item of a fused kernel
   * sums one after the other (tiled: chunks × window; staged: its share of the stage × window).
   * Measured on the H200 (pose_landmark_heavy, every pair fused, one run): tiled pairs with 100 or
   * more tiles and at most 6 chunks of a 3×3 window ran in 9–28 µs against 18–35 µs as two kernels,
   * those with fewer tiles or longer sums slower (16×16×192→192 in 96 tiles 22 µs vs 20, 32×32 5×5
   * 38 µs vs 24, 8×8×1632→272 236 µs vs 32); the 39 staged pairs with at most 54 taps per item (3×3
   * windows over 2×2 to 16×16 positions, 160–672 channels) 13–22 µs vs 19–24 (562 µs against 801 in
   * all), the 5×5 ones over 960 channels (200 taps per item) 51–72 µs vs 31.
   */
  static final int MIN_WORKGROUPS = 100;

  /** See {@link #MIN_WORKGROUPS}. */
  static final int MAX_SERIAL_TAPS = 54;

  /**
   * A tiled pair with fewer than {@link #MIN_WORKGROUPS} workgroups is still fused when its 1×1
   * convolution has at least this share of outputs per depthwise channel: the pair's work is then
   * mostly the 1×1, and the depthwise values each workgroup computes for its positions are few.
   * Measured on the H200 (in-stream kernel times, cold caches, every such pair fused against two
   * kernels): face_detection_short_range's 14 pairs (3×3, 28–96 channels to as many or more, 14–94
   * workgroups) −3.9 to +0.7 µs each fused, pose_landmark_heavy's 16×16×96→192 −1.6,
   * pose_landmark_lite's 32×32×24→32 −5.5; with few outputs the depthwise part dominates and runs
   * on too few workgroups: heavy's 64×64×48→8 +6.0, hand_landmark_lite's 56×56×64→16 and ×96→16
   * +3.6 and +2.8. Each fused pair also saves a launch (5–9 µs of host time on NVIDIA's driver).
   */
  static final double MIN_OUTPUTS_PER_CHANNEL = 0.5;

  private static final DepthwiseConv2DTemplate DEPTHWISE = new DepthwiseConv2DTemplate();
  private static final Conv2DTemplate POINTWISE = new Conv2DTemplate();

  /**
   * Whether the pair (depthwise {@code dw} and the 1×1 {@code pw} reading it) can be one kernel.
   */
  static boolean fuses(Graph graph, Node dw, Node pw) {
    return reason(graph, dw, pw).isEmpty();
  }

  /**
   * Whether the pair's kernel is expected to be faster than the two kernels ({@link
   * #MIN_WORKGROUPS}, {@link #MAX_SERIAL_TAPS}, {@link #MIN_OUTPUTS_PER_CHANNEL}).
   */
  static boolean fasterFused(Graph graph, Node dw, Node pw) {
    Phwc4Layout out = Phwc4Layout.of(graph.tensor(pw.outputs().get(0)).shape());
    Phwc4Layout mid = Phwc4Layout.of(graph.tensor(pw.inputs().get(0)).shape());
    Shape window = graph.tensor(dw.inputs().get(1)).shape();
    long taps = (long) window.dim(1) * window.dim(2);
    Optional<Integer> lanes = SplitReduction.lanes(out, mid.slices());
    if (lanes.isPresent()) {
      return BlockedPointwiseConv.stagedPerItem(out, mid, lanes.get()) * taps <= MAX_SERIAL_TAPS;
    }
    TiledPointwiseConv.Tile tile = TiledPointwiseConv.Tile.of(out, mid.slices());
    boolean mostlyPointwise = out.channels() >= MIN_OUTPUTS_PER_CHANNEL * mid.channels();
    return (tile.workgroups(out) >= MIN_WORKGROUPS || mostlyPointwise)
        && tile.chunks(mid.slices()) * taps <= MAX_SERIAL_TAPS;
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
    if (dwFilter.dim(3) != in.dim(3)) {
      return Optional.of("depth multiplier other than 1");
    }
    r = TemplateSupport.notUnitPointwise(graph, pw, "the second convolution");
    if (r.isPresent()) {
      return r;
    }
    Phwc4Layout out = Phwc4Layout.of(graph.tensor(pw.outputs().get(0)).shape());
    Phwc4Layout mid = Phwc4Layout.of(graph.tensor(pw.inputs().get(0)).shape());
    if (SplitReduction.lanes(out, mid.slices()).isPresent()
        && !BlockedPointwiseConv.stageFits(out, mid)) {
      return Optional.of("the depthwise values of a block of positions do not fit shared memory");
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
    int kH = dwFilter.dim(1);
    int kW = dwFilter.dim(2);
    TemplateSupport.PairConstants c = TemplateSupport.PairConstants.of(graph, pw, dw);
    List<KernelArg> args =
        List.of(
            TemplateSupport.input(graph, dw, 0, "src"),
            c.dwWeights(),
            c.dwBias(),
            c.weights(),
            c.bias(),
            dst);
    TemplateSupport.InlineCode dwActivation = TemplateSupport.inlineActivation(dg.activation());
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
    // The window loops are written for an output (y, x) and declare their own iy, ix.
    String statements =
        "{\n  int y = iy;\n  int x = ix;\n  vec4 acc = vec4(0.0);\n"
            + window.indent(2)
            + "      acc += $READ(src, b, iy, ix, is) * $CONST(dwWeights, (is * "
            + kH
            + " + ky) * "
            + kW
            + " + kx);\n"
            + TemplateSupport.WINDOW_END.indent(2)
            + "  vec4 value = acc + $CONST(dwBias, is);\n"
            + dwActivation.statements().indent(2)
            + "  v = value;\n}\n";
    ComputedInput input = new ComputedInput(dwActivation.functions(), statements);
    Optional<Integer> lanes = SplitReduction.lanes(dst.layout(), mid.slices());
    if (lanes.isPresent()) {
      return BlockedPointwiseConv.staged(name, dst, mid, lanes.get(), args, pg.activation(), input);
    }
    return TiledPointwiseConv.kernel(name, dst, mid, 1, 1, args, pg.activation(), input);
  }

  /** The depthwise op of a fused node, as the node it was. */
  private static Node depthwiseNode(Node node) {
    DepthwisePointwise f = (DepthwisePointwise) node.op();
    return TemplateSupport.firstOfPair(
        node, node.index(), "DEPTHWISE_CONV_2D", f.intermediate(), f.depthwise());
  }

  /** The pointwise op of a fused node, reading the depthwise op's (unwritten) tensor. */
  private static Node pointwiseNode(Node node) {
    DepthwisePointwise f = (DepthwisePointwise) node.op();
    return TemplateSupport.secondOfPair(node, "CONV_2D", f.intermediate(), f.pointwise());
  }

  @Override
  public boolean takesEpilogue() {
    return true;
  }
}
