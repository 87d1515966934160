package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Activation;
import io.jlite.ops.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers shared by the templates: arguments, the standard grid and prologue, epilogues. */
final class TemplateSupport {
  /**
   * Work items a workgroup may have: 128, what OpenGL ES 3.1 guarantees ({@code
   * GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS}); templates that fix their workgroup keep within it.
   */
  static final int WORKGROUP_ITEMS = 128;

  /**
   * Shared memory a workgroup may use, in vec4s: 16 KiB, what OpenGL ES 3.1 guarantees ({@code
   * GL_MAX_COMPUTE_SHARED_MEMORY_SIZE}); every template that stages data keeps within it.
   */
  static final int SHARED_VEC4S = 1024;

  private TemplateSupport() {}

  /** The output tensor of a single-output node, as argument {@code dst}. */
  static TensorArg output(Graph graph, Node node) {
    int t = node.outputs().get(0);
    return new TensorArg("dst", t, Phwc4Layout.of(graph.tensor(t).shape()), true);
  }

  /** Input {@code i} of the node as argument {@code name}: a tensor, or constant data. */
  static KernelArg input(Graph graph, Node node, int i, String name) {
    TensorSpec t = graph.tensor(node.inputs().get(i));
    Phwc4Layout layout = Phwc4Layout.of(t.shape());
    if (t.constant().isPresent()) {
      return new ConstArg(name, layout, layout.fromBhwc(t.constant().get().floats()));
    }
    return new TensorArg(name, t.index(), layout, false);
  }

  /** The grid of one work item per output slice: (W, H, B·S). */
  static Grid sliceGrid(TensorArg out) {
    Phwc4Layout l = out.layout();
    return new Grid(l.width(), l.height(), l.batch() * l.slices());
  }

  /**
   * Opens two loops over a {@code kH × kW} window of the input that output position (y, x) reads:
   * {@code iy = y·strideH − padTop + ky·dilationH} (same for x), skipping positions outside the
   * input, which count as absent. The caller's statements follow; {@link #WINDOW_END} closes both.
   */
  static String windowLoops(
      int kH,
      int kW,
      int strideH,
      int strideW,
      int padTop,
      int padLeft,
      int dilationH,
      int dilationW,
      Phwc4Layout in) {
    return String.format(
        """
        for (int ky = 0; ky < %d; ky++) {
          int iy = y * %d - %d + ky * %d;
          if (iy < 0 || iy >= %d) { continue; }
          for (int kx = 0; kx < %d; kx++) {
            int ix = x * %d - %d + kx * %d;
            if (ix < 0 || ix >= %d) { continue; }
        """,
        kH, strideH, padTop, dilationH, in.height(), kW, strideW, padLeft, dilationW, in.width());
  }

  /** Closes the loops of {@link #windowLoops}. */
  static final String WINDOW_END = "  }\n}\n";

  /** Statements that define {@code b, y, x, s} from the work item of a {@link #sliceGrid}. */
  static String slicePrologue(TensorArg out) {
    Phwc4Layout l = out.layout();
    return String.format(
        """
        int x = $GID(0);
        int y = $GID(1);
        int z = $GID(2);
        if (x >= %d || y >= %d || z >= %d) { return; }
        int b = z / %d;
        int s = z %% %d;
        """,
        l.width(), l.height(), l.batch() * l.slices(), l.slices(), l.slices());
  }

  /** A kernel with the fused activation as its epilogue. */
  static KernelSource kernel(
      String name,
      List<String> functions,
      String body,
      List<KernelArg> args,
      Grid grid,
      Activation activation) {
    return withActivation(new KernelSource(name, functions, body, args, grid, ""), activation);
  }

  /** {@code k} with the fused activation appended to its epilogue. */
  static KernelSource withActivation(KernelSource k, Activation activation) {
    return withSteps(
        k, UnaryFunction.of(activation).stream().map(EpilogueStep.Unary::new).toList());
  }

  /** {@code k} with the steps appended to its epilogue. */
  static KernelSource withSteps(KernelSource k, List<? extends EpilogueStep> steps) {
    for (EpilogueStep step : steps) {
      k = k.withEpilogue(step.statements(), step.functions(), step.args());
    }
    return k;
  }

  /**
   * Code filling the lanes of {@code r} one channel at a time: {@code laneCode(c)} is a float
   * expression of channel {@code c}.
   */
  static String perLane(TensorArg out, String r, String statementsForC, String expressionForC) {
    StringBuilder s = new StringBuilder("vec4 " + r + " = vec4(0.0);\n");
    int channels = out.layout().channels();
    for (int lane = 0; lane < 4; lane++) {
      s.append("{\n  int c = 4 * s + ").append(lane).append(";\n");
      s.append("  if (c < ").append(channels).append(") {\n");
      s.append(statementsForC.strip().indent(4));
      s.append("    ")
          .append(r)
          .append('.')
          .append("xyzw".charAt(lane))
          .append(" = ")
          .append(expressionForC)
          .append(";\n");
      s.append("  }\n}\n");
    }
    return s.toString();
  }

  /**
   * A kernel whose item for output slice {@code (b, y, x, s)} copies input 0's slice at {@code (b,
   * iy, ix, is)}, the three given as expressions of the output coordinates (a data movement that
   * keeps each slice's 4 channels together).
   */
  static KernelSource copySlice(
      String name, Graph graph, Node node, String iy, String ix, String is) {
    TensorArg dst = output(graph, node);
    String body =
        slicePrologue(dst)
            + "$WRITE(dst, b, y, x, s, $READ(src, b, "
            + iy
            + ", "
            + ix
            + ", "
            + is
            + "));\n";
    return kernel(
        name,
        List.of(),
        body,
        List.of(input(graph, node, 0, "src"), dst),
        sliceGrid(dst),
        Activation.NONE);
  }

  /**
   * Statements decomposing the row-major flat index {@code flat} over the BHWC dims {@code dims}
   * into ints {@code prefix0..prefix3}.
   */
  static String decompose(String flat, int[] dims, String prefix) {
    StringBuilder s = new StringBuilder("int " + prefix + "rest = " + flat + ";\n");
    for (int d = 3; d >= 0; d--) {
      s.append("int ")
          .append(prefix)
          .append(d)
          .append(" = ")
          .append(prefix)
          .append("rest % ")
          .append(dims[d])
          .append(";\n");
      s.append(prefix)
          .append("rest = ")
          .append(prefix)
          .append("rest / ")
          .append(dims[d])
          .append(";\n");
    }
    return s.toString();
  }

  /**
   * The statement computing the flat row-major BHWC index of output channel c into {@code name}.
   */
  static String flatIndex(TensorArg out, String name) {
    Phwc4Layout l = out.layout();
    return "int "
        + name
        + " = ((b * "
        + l.height()
        + " + y) * "
        + l.width()
        + " + x) * "
        + l.channels()
        + " + c;\n";
  }

  /** A reason if a tensor has no BHWC view or is not floating. */
  static Optional<String> checkTensor(TensorSpec t) {
    if (t.shape().rank() > 4) {
      return Optional.of(t.describe() + " has rank " + t.shape().rank() + " > 4");
    }
    if (!t.type().isFloating()) {
      return Optional.of(t.describe() + " is " + t.type() + ", not float");
    }
    if (t.shape().numElements() == 0) {
      return Optional.of(t.describe() + " is empty");
    }
    return Optional.empty();
  }

  /**
   * The first reason any of the node's float data tensors (inputs {@code dataInputs} and outputs)
   * is unsupported.
   */
  static Optional<String> checkTensors(Graph graph, Node node, int... dataInputs) {
    List<Integer> ids = new ArrayList<>();
    for (int i : dataInputs) {
      if (i >= node.inputs().size() || node.inputs().get(i) < 0) {
        return Optional.of("input " + i + " is absent");
      }
      ids.add(node.inputs().get(i));
    }
    if (node.outputs().size() != 1) {
      return Optional.of("has " + node.outputs().size() + " outputs");
    }
    ids.addAll(node.outputs());
    for (int t : ids) {
      Optional<String> r = checkTensor(graph.tensor(t));
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** {@link #checkTensors} of input 0, which must also be 4-D (NHWC, as the op requires). */
  static Optional<String> checkFourDimensional(Graph graph, Node node) {
    Optional<String> r = checkTensors(graph, node, 0);
    if (r.isEmpty() && graph.tensor(node.inputs().get(0)).shape().rank() != 4) {
      return Optional.of("the input is not 4-D");
    }
    return r;
  }

  /** The constant float data of input {@code i}, if constant. */
  static Optional<float[]> constantFloats(Graph graph, Node node, int i) {
    if (i >= node.inputs().size() || node.inputs().get(i) < 0) {
      return Optional.empty();
    }
    return graph
        .tensor(node.inputs().get(i))
        .constant()
        .filter(c -> c.isFloating())
        .map(c -> c.floats());
  }

  /** The int values of a constant integer input, if constant. */
  static Optional<int[]> constantInts(Graph graph, Node node, int i) {
    if (i >= node.inputs().size() || node.inputs().get(i) < 0) {
      return Optional.empty();
    }
    return graph
        .tensor(node.inputs().get(i))
        .constant()
        .filter(c -> !c.isFloating())
        .map(c -> c.ints());
  }

  /** Bias data padded to whole slices (zeros when absent). */
  static ConstArg bias(Optional<float[]> bias, int channels) {
    return bias("bias", bias, channels);
  }

  /** Bias data named {@code name}, padded to whole slices (zeros when absent). */
  static ConstArg bias(String name, Optional<float[]> bias, int channels) {
    float[] padded = new float[((channels + 3) / 4) * 4];
    bias.ifPresent(b -> System.arraycopy(b, 0, padded, 0, Math.min(b.length, channels)));
    return ConstArg.weights(name, padded);
  }

  /**
   * Why {@code conv} (a CONV_2D) is not a 1×1 convolution with stride 1 and no padding, naming it
   * {@code which} ("the first convolution"); empty if it is one.
   */
  static Optional<String> notUnitPointwise(Graph graph, Node conv, String which) {
    Shape filter = graph.tensor(conv.inputs().get(1)).shape();
    ConvGeometry g = ConvGeometry.of(graph, conv);
    if (filter.dim(1) != 1
        || filter.dim(2) != 1
        || g.strideH() != 1
        || g.strideW() != 1
        || g.padTop() != 0
        || g.padLeft() != 0) {
      return Optional.of(which + " is not 1x1 with stride 1");
    }
    return Optional.empty();
  }

  /**
   * The first op of a merged pair's node (inputs: the first op's input, filter and bias, then the
   * second op's filter and bias) as the node it was, with model index {@code index}, writing {@code
   * intermediate}.
   */
  static Node firstOfPair(Node pair, int index, String opName, int intermediate, Op op) {
    return new Node(index, opName, pair.inputs().subList(0, 3), List.of(intermediate), op);
  }

  /** The second op of a merged pair's node, reading the first op's (unwritten) intermediate. */
  static Node secondOfPair(Node pair, String opName, int intermediate, Op op) {
    return new Node(
        pair.index(),
        opName,
        List.of(intermediate, pair.inputs().get(3), pair.inputs().get(4)),
        pair.outputs(),
        op);
  }

  /**
   * The constants of a merged convolution pair's kernel: the 1×1 convolution's packed weights and
   * bias ({@code weights}, {@code bias}, as {@link ConvWeights#accumulate} reads them), the
   * depthwise convolution's ({@code dwWeights}, {@code dwBias}).
   */
  record PairConstants(ConstArg weights, ConstArg bias, ConstArg dwWeights, ConstArg dwBias) {
    static PairConstants of(Graph graph, Node pw, Node dw) {
      Shape pwFilter = graph.tensor(pw.inputs().get(1)).shape();
      Shape dwFilter = graph.tensor(dw.inputs().get(1)).shape();
      return new PairConstants(
          ConvWeights.pack(
              constantFloats(graph, pw, 1).orElseThrow(), pwFilter.dim(0), 1, 1, pwFilter.dim(3)),
          TemplateSupport.bias(constantFloats(graph, pw, 2), pwFilter.dim(0)),
          DepthwiseConv2DTemplate.pack(
              "dwWeights",
              constantFloats(graph, dw, 1).orElseThrow(),
              dwFilter.dim(1),
              dwFilter.dim(2),
              dwFilter.dim(3)),
          TemplateSupport.bias("dwBias", constantFloats(graph, dw, 2), dwFilter.dim(3)));
    }
  }

  /** Dialect statements and the helper functions they call. */
  record InlineCode(List<String> functions, String statements) {
    InlineCode {
      functions = List.copyOf(functions);
    }
  }

  /**
   * {@code activation} written inline, as statements updating {@code vec4 value} (for a step inside
   * a kernel rather than its epilogue).
   */
  static InlineCode inlineActivation(Activation activation) {
    List<String> functions = new ArrayList<>();
    StringBuilder statements = new StringBuilder();
    for (UnaryFunction f : UnaryFunction.of(activation)) {
      functions.addAll(f.functions());
      statements.append(f.statements());
    }
    return new InlineCode(functions, statements.toString());
  }
}
