package io.jlite.gpu.templates;

import io.jlite.UnsupportedOpException;
import io.jlite.gpu.fusion.DepthwisePointwise;
import io.jlite.gpu.fusion.FusedOp;
import io.jlite.gpu.fusion.PointwiseDepthwise;
import io.jlite.gpu.fusion.ScaledPointwise;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel template of every op the GPU backends run, by TFLite op name: ADD SUB MUL DIV PRELU,
 * AVERAGE_POOL_2D MAX_POOL_2D, CONCATENATION, CONV_2D DEPTHWISE_CONV_2D TRANSPOSE_CONV
 * CUSTOM:Convolution2DTransposeBias FULLY_CONNECTED, RESHAPE, PAD PADV2, RESIZE_BILINEAR
 * RESIZE_NEAREST_NEIGHBOR, SOFTMAX, LOGISTIC TANH RELU RELU6 HARD_SWISH, MEAN, SLICE STRIDED_SLICE,
 * TRANSPOSE, DEPTH_TO_SPACE SPACE_TO_DEPTH.
 */
public final class Templates {
  private static final Map<String, OpTemplate> BY_OP =
      Map.ofEntries(
          Map.entry("ADD", new BinaryTemplate(BinaryFunction.ADD)),
          Map.entry("SUB", new BinaryTemplate(BinaryFunction.SUB)),
          Map.entry("MUL", new BinaryTemplate(BinaryFunction.MUL)),
          Map.entry("DIV", new BinaryTemplate(BinaryFunction.DIV)),
          Map.entry("PRELU", new BinaryTemplate(BinaryFunction.PRELU)),
          Map.entry("AVERAGE_POOL_2D", new Pool2DTemplate(true)),
          Map.entry("MAX_POOL_2D", new Pool2DTemplate(false)),
          Map.entry("CONCATENATION", new ConcatenationTemplate()),
          Map.entry("CONV_2D", new Conv2DTemplate()),
          Map.entry("DEPTHWISE_CONV_2D", new DepthwiseConv2DTemplate()),
          Map.entry(DepthwisePointwise.OP_NAME, new DepthwisePointwiseTemplate()),
          Map.entry(PointwiseDepthwise.OP_NAME, new PointwiseDepthwiseTemplate()),
          Map.entry(ScaledPointwise.OP_NAME, new ScaledPointwiseTemplate()),
          Map.entry("TRANSPOSE_CONV", new TransposeConvTemplate()),
          Map.entry("CUSTOM:Convolution2DTransposeBias", new TransposeConvTemplate()),
          Map.entry("FULLY_CONNECTED", new FullyConnectedTemplate()),
          Map.entry("RESHAPE", new ReshapeTemplate()),
          Map.entry("PAD", new PadTemplate()),
          Map.entry("PADV2", new PadTemplate()),
          Map.entry("RESIZE_BILINEAR", new ResizeBilinearTemplate()),
          Map.entry("RESIZE_NEAREST_NEIGHBOR", new ResizeNearestNeighborTemplate()),
          Map.entry("SOFTMAX", new SoftmaxTemplate()),
          Map.entry("LOGISTIC", new UnaryTemplate(UnaryFunction.LOGISTIC)),
          Map.entry("TANH", new UnaryTemplate(UnaryFunction.TANH)),
          Map.entry("RELU", new UnaryTemplate(UnaryFunction.RELU)),
          Map.entry("RELU6", new UnaryTemplate(UnaryFunction.RELU6)),
          Map.entry("HARD_SWISH", new UnaryTemplate(UnaryFunction.HARD_SWISH)),
          Map.entry("MEAN", new MeanTemplate()),
          Map.entry("SLICE", new StridedGatherTemplate()),
          Map.entry("STRIDED_SLICE", new StridedGatherTemplate()),
          Map.entry("TRANSPOSE", new TransposeTemplate()),
          Map.entry("DEPTH_TO_SPACE", new DepthToSpaceTemplate()),
          Map.entry("SPACE_TO_DEPTH", new SpaceToDepthTemplate()));

  private Templates() {}

  /** The template of a TFLite op name, if the GPU runs that op. */
  public static Optional<OpTemplate> forOp(String opName) {
    return Optional.ofNullable(BY_OP.get(opName));
  }

  /**
   * Why {@code node} cannot run on the GPU; empty when it can. A fused node is judged by its main
   * op.
   */
  public static Optional<String> unsupportedReason(Graph graph, Node node) {
    Node main = mainNode(node);
    Optional<OpTemplate> t = forOp(main.opName());
    if (t.isEmpty()) {
      return Optional.of(main.opName() + " has no GPU template");
    }
    return t.get().unsupportedReason(graph, main);
  }

  /**
   * Whether fusion may append elementwise ops to the kernel of {@code node} (an unfused node): its
   * template supports it and {@linkplain OpTemplate#takesEpilogue takes an epilogue}.
   */
  public static boolean takesEpilogue(Graph graph, Node node) {
    return forOp(node.opName()).filter(OpTemplate::takesEpilogue).isPresent()
        && unsupportedReason(graph, node).isEmpty();
  }

  /**
   * The kernel of {@code node}: its template's kernel, with the steps of a {@link FusedOp} as the
   * epilogue (operands named {@code e0, e1, ...}).
   *
   * @throws UnsupportedOpException if no template supports the node
   */
  public static KernelSource generate(Graph graph, Node node, String name) {
    Node main = mainNode(node);
    Optional<String> reason = unsupportedReason(graph, node);
    if (reason.isPresent()) {
      throw new UnsupportedOpException(
          main.opName(), graph.source() + ": " + node + ": " + reason.get());
    }
    KernelSource k = forOp(main.opName()).orElseThrow().generate(graph, main, name);
    if (node.op() instanceof FusedOp f) {
      for (int i = 0; i < f.steps().size(); i++) {
        k = TemplateSupport.withSteps(k, Epilogues.of(graph, node, f.steps().get(i), "e" + i));
      }
    }
    return k;
  }

  /** The node a template sees: the main op of a fused node, writing the fused node's output. */
  private static Node mainNode(Node node) {
    if (node.op() instanceof FusedOp f) {
      return new Node(
          node.index(),
          f.mainOpName(),
          node.inputs().subList(0, f.mainInputs()),
          node.outputs(),
          f.main());
    }
    return node;
  }

  /**
   * Whether {@link io.jlite.gpu.fusion.FuseDepthwisePointwise} can merge depthwise {@code dw} into
   * the 1×1 convolution {@code pw} that alone reads it: the pair's template takes both.
   */
  public static boolean fusesDepthwisePointwise(Graph graph, Node dw, Node pw) {
    return DepthwisePointwiseTemplate.fuses(graph, dw, pw);
  }

  /** Whether that merged pair is expected to run faster than the two kernels it replaces. */
  public static boolean depthwisePointwiseFasterFused(Graph graph, Node dw, Node pw) {
    return DepthwisePointwiseTemplate.fasterFused(graph, dw, pw);
  }

  /**
   * Whether {@link io.jlite.gpu.fusion.FusePointwiseDepthwise} can merge the 1×1 convolution {@code
   * pw} into the depthwise convolution {@code dw} that alone reads it: the pair's template takes
   * both.
   */
  public static boolean fusesPointwiseDepthwise(Graph graph, Node pw, Node dw) {
    return PointwiseDepthwiseTemplate.fuses(graph, pw, dw);
  }

  /** Whether that merged pair is expected to run faster than the two kernels it replaces. */
  public static boolean pointwiseDepthwiseFasterFused(Graph graph, Node pw, Node dw) {
    return PointwiseDepthwiseTemplate.fasterFused(graph, pw, dw);
  }

  /**
   * Whether {@link io.jlite.gpu.fusion.FuseScaledPointwise} can merge the MUL {@code mul} by a
   * per-channel scale into the 1×1 convolution {@code pw} that alone reads it.
   */
  public static boolean fusesScaledPointwise(Graph graph, Node mul, Node pw) {
    return ScaledPointwiseTemplate.fuses(graph, mul, pw);
  }

  /** The op names that have a template. */
  public static Set<String> opNames() {
    return BY_OP.keySet();
  }
}
