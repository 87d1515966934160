package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.checkTensor;
import static io.jlite.gpu.templates.TemplateSupport.constantFloats;
import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;

import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.Convolution2DTransposeBias;
import io.jlite.ops.TransposeConv;
import java.util.List;
import java.util.Optional;

/**
 * TRANSPOSE_CONV and MediaPipe's CUSTOM:Convolution2DTransposeBias, as a gather: output row {@code
 * oy} takes tap {@code ky} from input row {@code iy = (oy + padTop - ky) / strideH} when that
 * division is exact and {@code iy} lies inside the input (the reference's scatter read backwards).
 * Weights are packed as for CONV_2D; then bias and the fused activation.
 */
final class TransposeConvTemplate implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    Params p = Params.of(graph, node);
    for (int t : new int[] {p.input(), node.outputs().get(0)}) {
      Optional<String> r = checkTensor(graph.tensor(t));
      if (r.isPresent()) {
        return r;
      }
    }
    if (constantFloats(graph, node, p.weightsInput()).isEmpty()) {
      return Optional.of("the weights are not constant");
    }
    if (p.biasInput() >= 0
        && node.inputs().size() > p.biasInput()
        && node.inputs().get(p.biasInput()) >= 0
        && constantFloats(graph, node, p.biasInput()).isEmpty()) {
      return Optional.of("the bias is not constant");
    }
    if (graph.tensor(p.input()).shape().rank() != 4) {
      return Optional.of("the input is not 4-D");
    }
    return Optional.empty();
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    Params p = Params.of(graph, node);
    TensorArg dst = output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(p.input()).shape());
    Shape filter = graph.tensor(node.inputs().get(p.weightsInput())).shape();
    int kH = filter.dim(1);
    int kW = filter.dim(2);
    int inPadded = in.slices() * 4;
    String body =
        slicePrologue(dst)
            + "vec4 acc = vec4(0.0);\n"
            + "for (int ky = 0; ky < "
            + kH
            + "; ky++) {\n"
            + "  int ty = y + "
            + p.padTop()
            + " - ky;\n"
            + "  if (ty < 0 || ty % "
            + p.strideH()
            + " != 0) { continue; }\n"
            + "  int iy = ty / "
            + p.strideH()
            + ";\n"
            + "  if (iy >= "
            + in.height()
            + ") { continue; }\n"
            + "  for (int kx = 0; kx < "
            + kW
            + "; kx++) {\n"
            + "    int tx = x + "
            + p.padLeft()
            + " - kx;\n"
            + "    if (tx < 0 || tx % "
            + p.strideW()
            + " != 0) { continue; }\n"
            + "    int ix = tx / "
            + p.strideW()
            + ";\n"
            + "    if (ix >= "
            + in.width()
            + ") { continue; }\n"
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
            + "  }\n"
            + "}\n"
            + "$WRITE(dst, b, y, x, s, acc + $CONST(bias, s));\n";
    Optional<float[]> bias =
        p.biasInput() < 0 ? Optional.empty() : constantFloats(graph, node, p.biasInput());
    return TemplateSupport.kernel(
        name,
        List.of(),
        body,
        List.of(
            new TensorArg("src", p.input(), in, false),
            ConvWeights.pack(
                constantFloats(graph, node, p.weightsInput()).orElseThrow(),
                filter.dim(0),
                kH,
                kW,
                filter.dim(3)),
            TemplateSupport.bias(bias, filter.dim(0)),
            dst),
        TemplateSupport.sliceGrid(dst),
        p.activation());
  }

  /** Where the two ops keep their operands, and their geometry. */
  private record Params(
      int input,
      int weightsInput,
      int biasInput,
      int strideH,
      int strideW,
      int padTop,
      int padLeft,
      Activation activation) {
    static Params of(Graph graph, Node node) {
      Shape out = graph.tensor(node.outputs().get(0)).shape();
      if (node.op() instanceof TransposeConv t) {
        Shape filter = graph.tensor(node.inputs().get(1)).shape();
        return new Params(
            node.inputs().get(2),
            1,
            node.inputs().size() > 3 ? 3 : -1,
            t.strideH(),
            t.strideW(),
            t.padding().padBefore(out.dim(1), filter.dim(1), t.strideH(), 1),
            t.padding().padBefore(out.dim(2), filter.dim(2), t.strideW(), 1),
            t.activation());
      }
      Convolution2DTransposeBias c = (Convolution2DTransposeBias) node.op();
      Shape in = graph.tensor(node.inputs().get(0)).shape();
      Shape filter = graph.tensor(node.inputs().get(1)).shape();
      return new Params(
          node.inputs().get(0),
          1,
          2,
          c.strideH(),
          c.strideW(),
          mediaPipeTotalPadding(c, in.dim(1), filter.dim(1), c.strideH()) / 2,
          mediaPipeTotalPadding(c, in.dim(2), filter.dim(2), c.strideW()) / 2,
          Activation.NONE);
    }

    /**
     * MediaPipe's total padding along one axis, as {@link Convolution2DTransposeBias} states it.
     */
    private static int mediaPipeTotalPadding(
        Convolution2DTransposeBias c, int in, int filter, int stride) {
      return c.padding() == io.jlite.ops.Padding.SAME
          ? Math.max(0, filter - (in - 1) % stride - 1)
          : 0;
    }
  }
}
