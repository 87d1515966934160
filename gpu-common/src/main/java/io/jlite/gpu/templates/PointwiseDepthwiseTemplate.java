package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.output;

import io.jlite.gpu.fusion.PointwiseDepthwise;
import io.jlite.gpu.kernel.Grid;
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
 * A {@link PointwiseDepthwise} pair (the expansion and depthwise steps of an inverted-residual
 * block) as one kernel, where the expanded tensor is small: one workgroup per slice of the expanded
 * tensor computes that slice at every position into shared memory (the 1×1 convolution, its input
 * slices split between {@code lanes} items per position whose partial sums are added after a
 * barrier, then its bias and activation), then the depthwise window of every output from there. The
 * expanded tensor, the widest of the block, is never stored, and the pair costs one launch instead
 * of two.
 */
final class PointwiseDepthwiseTemplate implements OpTemplate {
  /** Items of a workgroup: all that OpenGL ES 3.1 guarantees. */
  private static final int ITEMS = TemplateSupport.WORKGROUP_ITEMS;

  /** Most positions of the expanded tensor (one shared vec4 each, and partial sums). */
  static final int MAX_POSITIONS = 256;

  private static final DepthwiseConv2DTemplate DEPTHWISE = new DepthwiseConv2DTemplate();
  private static final Conv2DTemplate POINTWISE = new Conv2DTemplate();

  /**
   * Whether the pair (the 1×1 {@code pw} and depthwise {@code dw} reading it) can be one kernel.
   */
  static boolean fuses(Graph graph, Node pw, Node dw) {
    return reason(graph, pw, dw).isEmpty();
  }

  /**
   * Most input slices an item of a fused kernel sums one after the other (its positions times its
   * share of the input slices). Measured on the H200 (pose_landmark_heavy, every pair fused, one
   * run): 8×8×272→1632 with a 5×5 window (34 per item) 26.5–27.8 µs against 30 as two kernels;
   * 16×16×112→672 (56) 31.6 µs against 25, 16×16×160→960 (80) 41.5–42.1 µs against 28.5.
   */
  static final int MAX_SERIAL_SLICES = 40;

  /**
   * Whether the pair's kernel is expected to be faster than the two kernels ({@link
   * #MAX_SERIAL_SLICES}).
   */
  static boolean fasterFused(Graph graph, Node pw, Node dw) {
    Shape mid = graph.tensor(pw.outputs().get(0)).shape();
    int positions = mid.dim(1) * mid.dim(2);
    int n = Phwc4Layout.of(graph.tensor(pw.inputs().get(0)).shape()).slices();
    return serialSlices(positions, n) <= MAX_SERIAL_SLICES;
  }

  /** Input slices each item sums: {@link #lanes} items per position split {@code inSlices}. */
  static long serialSlices(int positions, int inSlices) {
    int lanes = lanes(positions, inSlices);
    int perRound = ITEMS / lanes;
    int positionsPerItem = (positions + perRound - 1) / perRound;
    return (long) positionsPerItem * ((inSlices + lanes - 1) / lanes);
  }

  private static Optional<String> reason(Graph graph, Node pw, Node dw) {
    Optional<String> r = POINTWISE.unsupportedReason(graph, pw);
    if (r.isEmpty()) {
      r = DEPTHWISE.unsupportedReason(graph, dw);
    }
    if (r.isPresent()) {
      return r;
    }
    r = TemplateSupport.notUnitPointwise(graph, pw, "the first convolution");
    if (r.isPresent()) {
      return r;
    }
    Shape mid = graph.tensor(pw.outputs().get(0)).shape();
    Shape dwFilter = graph.tensor(dw.inputs().get(1)).shape();
    if (dwFilter.dim(3) != mid.dim(3)) {
      return Optional.of("depth multiplier other than 1");
    }
    if ((long) mid.dim(1) * mid.dim(2) > MAX_POSITIONS) {
      return Optional.of("more than " + MAX_POSITIONS + " positions to hold in shared memory");
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    if (!(node.op() instanceof PointwiseDepthwise)) {
      return Optional.of("not a fused pointwise + depthwise pair");
    }
    return reason(graph, pointwiseNode(node), depthwiseNode(node));
  }

  /** Items that split one position's input slices: as many as the workgroup leaves per position. */
  static int lanes(int positions, int inSlices) {
    int lanes = 1;
    while (lanes * 2 * positions <= ITEMS && lanes * 2 <= inSlices) {
      lanes *= 2;
    }
    return lanes;
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    Node pw = pointwiseNode(node);
    Node dw = depthwiseNode(node);
    ConvGeometry pg = ConvGeometry.of(graph, pw);
    ConvGeometry dg = ConvGeometry.of(graph, dw);
    TensorArg dst = output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(pw.inputs().get(0)).shape());
    Phwc4Layout mid = Phwc4Layout.of(graph.tensor(pw.outputs().get(0)).shape());
    Phwc4Layout out = dst.layout();
    Shape dwFilter = graph.tensor(dw.inputs().get(1)).shape();
    int kH = dwFilter.dim(1);
    int kW = dwFilter.dim(2);
    int positions = mid.height() * mid.width();
    int n = in.slices();
    int lanes = lanes(positions, n);
    TemplateSupport.PairConstants c = TemplateSupport.PairConstants.of(graph, pw, dw);
    List<KernelArg> args =
        List.of(
            TemplateSupport.input(graph, pw, 0, "src"),
            c.weights(),
            c.bias(),
            c.dwWeights(),
            c.dwBias(),
            dst);
    TemplateSupport.InlineCode pwActivation = TemplateSupport.inlineActivation(pg.activation());
    int stage = positions * lanes;
    // The workgroup's 1×1 weights (one output slice: 4 vec4s per input slice) loaded into shared
    // memory at once, where they fit: read in the loop, each would be a cache miss after the last.
    int weightsAt = stage + positions;
    boolean stageWeights = weightsAt + 4L * n <= TemplateSupport.SHARED_VEC4S;
    StringBuilder k = new StringBuilder();
    // The shared array holds the lanes' partial sums of every position, the expanded slice, then
    // the staged weights.
    k.append(
        String.format(
            """
            int i = $LID(0);
            int z = $GID(2);
            int b = z / %1$d;
            int s = z %% %1$d;
            $SHARED(partial, %2$d);
            int r = i %% %3$d;
            int wb = s * %4$d;
            %15$sfor (int p = i / %3$d; p < %5$d; p += %6$d) {
              int iy = p / %7$d;
              int ix = p %% %7$d;
              vec4 acc = vec4(0.0);
              for (int is = r; is < %8$d; is += %3$d) {
                vec4 v = $READ(src, b, iy, ix, is);
                int w = %16$s4 * is;
            %9$s  }
              partial[p * %3$d + r] = acc;
            }
            $BARRIER();
            for (int p = i; p < %5$d; p += %10$d) {
              vec4 value = $CONST(bias, s);
              for (int l = 0; l < %3$d; l++) {
                value += partial[p * %3$d + l];
              }
            %11$s  partial[%12$d + p] = value;
            }
            $BARRIER();
            for (int q = i; q < %13$d; q += %10$d) {
              int y = q / %14$d;
              int x = q %% %14$d;
              vec4 acc = vec4(0.0);
            """,
            mid.slices(),
            weightsAt + (stageWeights ? 4 * n : 0),
            lanes,
            n * 4,
            positions,
            ITEMS / lanes,
            mid.width(),
            n,
            stageWeights
                ? ConvWeights.accumulateShared("    acc", "v", "partial", weightsAt + " + w")
                : ConvWeights.accumulate("    acc", "v", "w"),
            ITEMS,
            pwActivation.statements().indent(2),
            stage,
            out.height() * out.width(),
            out.width(),
            stageWeights
                ? String.format(
                    """
                    for (int e = i; e < %1$d; e += %2$d) {
                      partial[%3$d + e] = $CONST(weights, wb + e);
                    }
                    $BARRIER();
                    """,
                    4 * n, ITEMS, weightsAt)
                : "",
            stageWeights ? "" : "wb + "));
    k.append(
        TemplateSupport.windowLoops(
                kH,
                kW,
                dg.strideH(),
                dg.strideW(),
                dg.padTop(),
                dg.padLeft(),
                dg.dilationH(),
                dg.dilationW(),
                mid)
            .indent(2));
    k.append(
        String.format(
            """
                      acc += partial[%1$d + iy * %2$d + ix] * $CONST(dwWeights, (s * %3$d + ky) * %4$d + kx);
                    %5$s  $WRITE(dst, b, y, x, s, acc + $CONST(dwBias, s));
                    }
                    """,
            stage, mid.width(), kH, kW, TemplateSupport.WINDOW_END.indent(2)));
    KernelSource source =
        new KernelSource(
            name,
            pwActivation.functions(),
            k.toString(),
            args,
            new Grid(ITEMS, 1, out.batch() * mid.slices()),
            "",
            Optional.of(new Grid(ITEMS, 1, 1)));
    return TemplateSupport.withActivation(source, dg.activation());
  }

  /** The pointwise op of a fused node, as the node it was. */
  private static Node pointwiseNode(Node node) {
    PointwiseDepthwise f = (PointwiseDepthwise) node.op();
    return TemplateSupport.firstOfPair(
        node, f.pointwiseIndex(), "CONV_2D", f.intermediate(), f.pointwise());
  }

  /** The depthwise op of a fused node, reading the pointwise op's (unwritten) tensor. */
  private static Node depthwiseNode(Node node) {
    PointwiseDepthwise f = (PointwiseDepthwise) node.op();
    return TemplateSupport.secondOfPair(node, "DEPTHWISE_CONV_2D", f.intermediate(), f.depthwise());
  }

  @Override
  public boolean takesEpilogue() {
    return true;
  }
}
