package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.WINDOW_END;
import static io.jlite.gpu.templates.TemplateSupport.checkTensors;
import static io.jlite.gpu.templates.TemplateSupport.constantFloats;
import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;
import static io.jlite.gpu.templates.TemplateSupport.windowLoops;

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
 * CONV_2D (one group; constant filter and bias): one work item per output slice sums, over the
 * window and the input slices, each input slice times four packed weight vec4s ({@link
 * ConvWeights}); positions outside the input contribute zero; then bias and the fused activation. A
 * PAD merged into the conv ({@link io.jlite.gpu.fusion.PaddedConv}) widens the padding.
 */
final class Conv2DTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Optional<String> r = checkTensors(graph, node, 0);
    if (r.isPresent()) {
      return r;
    }
    if (constantFloats(graph, node, 1).isEmpty()) {
      return Optional.of("the filter is not constant");
    }
    if (node.inputs().size() > 2
        && node.inputs().get(2) >= 0
        && constantFloats(graph, node, 2).isEmpty()) {
      return Optional.of("the bias is not constant");
    }
    Shape in = graph.tensor(node.inputs().get(0)).shape();
    Shape filter = graph.tensor(node.inputs().get(1)).shape();
    if (in.rank() != 4 || filter.rank() != 4 || filter.dim(3) != in.dim(3)) {
      return Optional.of("grouped or non-4-D convolution");
    }
    return Optional.empty();
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    ConvGeometry g = ConvGeometry.of(graph, node);
    TensorArg dst = output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(node.inputs().get(0)).shape());
    Shape filter = graph.tensor(node.inputs().get(1)).shape();
    int kH = filter.dim(1);
    int kW = filter.dim(2);
    int inPadded = in.slices() * 4;
    List<KernelArg> args =
        List.of(
            TemplateSupport.input(graph, node, 0, "src"),
            ConvWeights.pack(
                constantFloats(graph, node, 1).orElseThrow(), filter.dim(0), kH, kW, filter.dim(3)),
            TemplateSupport.bias(constantFloats(graph, node, 2), filter.dim(0)),
            dst);
    int terms = kH * kW * in.slices();
    boolean pointwise = kH == 1 && kW == 1 && g.padTop() == 0 && g.padLeft() == 0;
    Optional<Integer> lanes =
        SplitReduction.lanes(
            dst.layout(),
            terms,
            pointwise ? BlockedPointwiseConv.MAX_LANES : SplitReduction.MAX_LANES);
    if (lanes.isPresent() && pointwise) {
      // A small matrix product: blocks of outputs share their weight and input reads.
      return BlockedPointwiseConv.kernel(
          name,
          dst,
          in,
          g.strideH(),
          g.strideW(),
          lanes.get(),
          args,
          g.activation(),
          ComputedInput.READ,
          false);
    }
    if (lanes.isPresent()) {
      return split(name, g, dst, in, kH, kW, lanes.get(), args);
    }
    if (kH == 1 && kW == 1 && readsOnlyInside(g, in, dst.layout())) {
      // A matrix product with many outputs: tiles share their inputs and weights.
      return TiledPointwiseConv.kernel(
          name, dst, in, g.strideH(), g.strideW(), args, g.activation(), ComputedInput.READ);
    }
    String body =
        slicePrologue(dst)
            + "vec4 acc = $CONST(bias, s);\n"
            + windowLoops(
                kH,
                kW,
                g.strideH(),
                g.strideW(),
                g.padTop(),
                g.padLeft(),
                g.dilationH(),
                g.dilationW(),
                in)
            + "    int wbase = ((s * "
            + kH
            + " + ky) * "
            + kW
            + " + kx) * "
            + inPadded
            + ";\n"
            + "    for (int is = 0; is < "
            + in.slices()
            + "; is++) {\n"
            + "      vec4 v = $READ(src, b, iy, ix, is);\n"
            + "      int w = wbase + 4 * is;\n"
            + ConvWeights.accumulate("      acc", "v", "w")
            + "    }\n"
            + WINDOW_END
            + "$WRITE(dst, b, y, x, s, acc);\n";
    return TemplateSupport.kernel(
        name, List.of(), body, args, TemplateSupport.sliceGrid(dst), g.activation());
  }

  /** Whether every output position of a 1×1 convolution reads a position inside the input. */
  private static boolean readsOnlyInside(ConvGeometry g, Phwc4Layout in, Phwc4Layout out) {
    return g.padTop() == 0
        && g.padLeft() == 0
        && (long) (out.height() - 1) * g.strideH() < in.height()
        && (long) (out.width() - 1) * g.strideW() < in.width();
  }

  /**
   * The {@link SplitReduction} form: the {@code lanes} items of a group take every lanes-th of the
   * (ky, kx, input slice) terms of one output slice.
   */
  private static KernelSource split(
      String name,
      ConvGeometry g,
      TensorArg dst,
      Phwc4Layout in,
      int kH,
      int kW,
      int lanes,
      List<KernelArg> args) {
    int inSlices = in.slices();
    String accumulate =
        String.format(
                """
            for (int k = r; k < %d; k += %d) {
              int is = k %% %d;
              int kx = (k / %d) %% %d;
              int ky = k / %d;
              int iy = y * %d - %d + ky * %d;
              int ix = x * %d - %d + kx * %d;
              if (iy >= 0 && iy < %d && ix >= 0 && ix < %d) {
                vec4 v = $READ(src, b, iy, ix, is);
                int w = ((s * %d + ky) * %d + kx) * %d + 4 * is;
            """,
                kH * kW * inSlices,
                lanes,
                inSlices,
                inSlices,
                kW,
                kW * inSlices,
                g.strideH(),
                g.padTop(),
                g.dilationH(),
                g.strideW(),
                g.padLeft(),
                g.dilationW(),
                in.height(),
                in.width(),
                kH,
                kW,
                inSlices * 4)
            + ConvWeights.accumulate("    acc", "v", "w")
            + "  }\n}\n";
    return SplitReduction.kernel(
        name, dst, lanes, accumulate, "sum + $CONST(bias, s)", args, g.activation());
  }
}
