package io.jlite.gpu.memory;

import java.util.List;
import java.util.Locale;

/**
 * Draws tensor lifetimes and their placement as SVG: time (steps) to the right, memory offset
 * downwards; each tensor a rectangle from its first to its last step, at its offset, as high as its
 * size. The dashed line marks the lower bound.
 */
public final class LifetimeSvg {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 600;
  private static final int MARGIN = 40;

  private LifetimeSvg() {}

  /** The SVG document for {@code usages} placed by {@code offsets}. */
  public static String draw(String title, List<TensorUsage> usages, OffsetAssignment offsets) {
    int steps = usages.stream().mapToInt(TensorUsage::last).max().orElse(0) + 1;
    long total = Math.max(1, Math.max(offsets.totalSize(), LowerBound.of(usages)));
    double sx = (double) (WIDTH - 2 * MARGIN) / steps;
    double sy = (double) (HEIGHT - 2 * MARGIN) / total;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH,
            HEIGHT));
    svg.append(
        String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">%s</text>%n", MARGIN, escape(title)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
            MARGIN,
            MARGIN,
            WIDTH - 2 * MARGIN,
            HEIGHT - 2 * MARGIN));
    for (TensorUsage u : usages) {
      double x = MARGIN + u.first() * sx;
      double y = MARGIN + offsets.offsets().get(u.id()) * sy;
      double w = (u.last() - u.first() + 1) * sx;
      double h = Math.max(0.5, u.size() * sy);
      int hue = (u.tensor() * 47) % 360;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"hsl(%d,60%%,70%%)\" stroke=\"#333\" stroke-width=\"0.3\"><title>tensor %d: %d bytes, steps %d..%d, offset %d</title></rect>%n",
              x,
              y,
              w,
              h,
              hue,
              u.tensor(),
              u.size(),
              u.first(),
              u.last(),
              offsets.offsets().get(u.id())));
    }
    double bound = MARGIN + LowerBound.of(usages) * sy;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"red\" stroke-dasharray=\"6,4\"/>%n",
            MARGIN,
            bound,
            WIDTH - MARGIN,
            bound));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\">time (kernel steps) →, offset ↓; total %,d bytes; dashed: lower bound %,d bytes</text>%n",
            MARGIN,
            HEIGHT - 12,
            offsets.totalSize(),
            LowerBound.of(usages)));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
