package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.WINDOW_END;
import static io.jlite.gpu.templates.TemplateSupport.checkTensors;
import static io.jlite.gpu.templates.TemplateSupport.constantFloats;
import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;
import static io.jlite.gpu.templates.TemplateSupport.windowLoops;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import java.util.List;
import java.util.Optional;

/**
 * DEPTHWISE_CONV_2D (constant filter and bias): output channel {@code oc} reads input channel
 * {@code oc / m} (m the depth multiplier); with m = 1 a whole input slice times one weight vec4 per
 * tap, else the four lanes are gathered channel by channel. The bias is added after the window sum,
 * as the reference does, then the fused activation.
 */
final class DepthwiseConv2DTemplate implements OpTemplate {
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
    if (in.rank() != 4
        || filter.rank() != 4
        || filter.dim(0) != 1
        || filter.dim(3) % in.dim(3) != 0) {
      return Optional.of("filter " + filter + " does not fit input " + in);
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
    int outC = filter.dim(3);
    int multiplier = outC / in.channels();
    String read;
    if (multiplier == 1) {
      read = "$READ(src, b, iy, ix, s)";
    } else {
      // Lanes past the output channels read the last input channel; their weights are zero.
      StringBuilder v = new StringBuilder("vec4(");
      for (int lane = 0; lane < 4; lane++) {
        v.append(lane == 0 ? "" : ", ")
            .append("$READ_CH(src, b, iy, ix, min((4 * s + ")
            .append(lane)
            .append(") / ")
            .append(multiplier)
            .append(", ")
            .append(in.channels() - 1)
            .append("))");
      }
      read = v.append(")").toString();
    }
    String body =
        slicePrologue(dst)
            + "vec4 acc = vec4(0.0);\n"
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
            + "    acc += "
            + read
            + " * $CONST(weights, (s * "
            + kH
            + " + ky) * "
            + kW
            + " + kx);\n"
            + WINDOW_END
            + "$WRITE(dst, b, y, x, s, acc + $CONST(bias, s));\n";
    return TemplateSupport.kernel(
        name,
        List.of(),
        body,
        List.of(
            TemplateSupport.input(graph, node, 0, "src"),
            pack("weights", constantFloats(graph, node, 1).orElseThrow(), kH, kW, outC),
            TemplateSupport.bias(constantFloats(graph, node, 2), outC),
            dst),
        TemplateSupport.sliceGrid(dst),
        g.activation());
  }

  /** vec4 {@code (os·kH + ky)·kW + kx} holds the taps of output channels 4·os..4·os+3. */
  static ConstArg pack(String name, float[] filter, int kH, int kW, int outC) {
    int slices = (outC + 3) / 4;
    float[] packed = new float[slices * kH * kW * 4];
    for (int ky = 0; ky < kH; ky++) {
      for (int kx = 0; kx < kW; kx++) {
        for (int oc = 0; oc < outC; oc++) {
          packed[(((oc / 4) * kH + ky) * kW + kx) * 4 + oc % 4] =
              filter[(ky * kW + kx) * outC + oc];
        }
      }
    }
    return ConstArg.weights(name, packed);
  }
}
