package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.WINDOW_END;
import static io.jlite.gpu.templates.TemplateSupport.output;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;
import static io.jlite.gpu.templates.TemplateSupport.windowLoops;

import io.jlite.gpu.fusion.ChannelPaddedPool;
import io.jlite.gpu.fusion.PaddedPool;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Op;
import io.jlite.ops.Pool2D;
import java.util.List;
import java.util.Optional;

/**
 * AVERAGE_POOL_2D and MAX_POOL_2D: one work item per output slice walks the window's in-bounds
 * positions; the average divides by their count (padding never counts), the maximum starts at the
 * lowest finite float and ignores NaN ({@code fmax}), as the reference does; then the fused
 * activation. With a PAD merged in ({@link PaddedPool}) the window walks the padded extent and the
 * PAD's border reads as zeros that count as elements: in the maximum and in the average's divisor.
 * With a channel PAD merged after it ({@link ChannelPaddedPool}) the output's slices past the
 * input's are written as zeros (then the epilogue, e.g. a residual ADD, applies to them too).
 *
 * @param average AVERAGE_POOL_2D (else MAX_POOL_2D)
 */
record Pool2DTemplate(boolean average) implements OpTemplate {
  @Override
  public Optional<String> unsupportedReason(Graph graph, Node node) {
    return TemplateSupport.checkFourDimensional(graph, node);
  }

  @Override
  public KernelSource generate(Graph graph, Node node, String name) {
    // A channel PAD merged after the pooling: the output's slices past the input's are zeros.
    Op pool = node.op() instanceof ChannelPaddedPool c ? c.pool() : node.op();
    boolean channelPadded = node.op() instanceof ChannelPaddedPool;
    Optional<PaddedPool> merged =
        pool instanceof PaddedPool pp ? Optional.of(pp) : Optional.empty();
    Pool2D p =
        merged
            .map(PaddedPool::options)
            .orElseGet(() -> average ? ((AveragePool2D) pool).pool() : ((MaxPool2D) pool).pool());
    TensorArg dst = output(graph, node);
    Phwc4Layout in = Phwc4Layout.of(graph.tensor(node.inputs().get(0)).shape());
    if (average
        && merged.isEmpty()
        && !channelPadded
        && dst.layout().height() == 1
        && dst.layout().width() == 1
        && p.filterH() == in.height()
        && p.filterW() == in.width()) {
      Optional<KernelSource> global =
          GlobalAverage.kernel(
              name, TemplateSupport.input(graph, node, 0, "src"), in, dst, p.activation());
      if (global.isPresent()) {
        return global.get();
      }
    }
    // The extent the window walks: the input, or the input with the merged PAD around it.
    Phwc4Layout walked =
        merged
            .map(
                m ->
                    new Phwc4Layout(
                        in.batch(),
                        in.height() + m.padTop() + m.padBottom(),
                        in.width() + m.padLeft() + m.padRight(),
                        in.channels()))
            .orElse(in);
    int padTop = p.padding().padBefore(walked.height(), p.filterH(), p.strideH(), 1);
    int padLeft = p.padding().padBefore(walked.width(), p.filterW(), p.strideW(), 1);
    String element = "$READ(src, b, iy, ix, s)";
    String read = "";
    if (merged.isPresent()) {
      // (iy, ix) are padded coordinates; outside the input lies the PAD's border of zeros.
      read =
          String.format(
              """
                  int ry = iy - %d;
                  int rx = ix - %d;
                  vec4 v = vec4(0.0);
                  if (ry >= 0 && ry < %d && rx >= 0 && rx < %d) { v = $READ(src, b, ry, rx, s); }
              """,
              merged.get().padTop(), merged.get().padLeft(), in.height(), in.width());
      element = "v";
    }
    String start = average ? "vec4(0.0)" : "vec4(" + -Float.MAX_VALUE + ")";
    String window =
        (average ? "int count = 0;\n" : "")
            + windowLoops(
                p.filterH(), p.filterW(), p.strideH(), p.strideW(), padTop, padLeft, 1, 1, walked)
            + read
            + (average
                ? "    acc += " + element + ";\n    count++;\n"
                : "    acc = fmax(acc, " + element + ");\n")
            + WINDOW_END
            + (average ? "acc = acc / float(count);\n" : "");
    String pooled =
        channelPadded
            ? "vec4 acc = vec4(0.0);\nif (s < "
                + in.slices()
                + ") {\nacc = "
                + start
                + ";\n"
                + window
                + "}\n"
            : "vec4 acc = " + start + ";\n" + window;
    String body = slicePrologue(dst) + pooled + "$WRITE(dst, b, y, x, s, acc);\n";
    return TemplateSupport.kernel(
        name,
        List.of(),
        body,
        List.of(TemplateSupport.input(graph, node, 0, "src"), dst),
        TemplateSupport.sliceGrid(dst),
        p.activation());
  }
}
