package io.jlite.gpu.templates;

import static io.jlite.gpu.templates.TemplateSupport.decompose;
import static io.jlite.gpu.templates.TemplateSupport.flatIndex;
import static io.jlite.gpu.templates.TemplateSupport.perLane;
import static io.jlite.gpu.templates.TemplateSupport.sliceGrid;
import static io.jlite.gpu.templates.TemplateSupport.slicePrologue;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import java.util.List;

/**
 * The two kernels that move a partition's boundary tensors between the host's row-major BHWC floats
 * and PHWC4 on the device, so the host only copies bytes: the conversion (a gather over every
 * element) runs on the GPU instead of in a Java loop before each upload and after each download.
 */
public final class LayoutConversion {
  private LayoutConversion() {}

  /**
   * A kernel reading BHWC floats from {@code host} (a {@link Phwc4Layout#flat} buffer, as input)
   * and writing them to {@code tensor} in PHWC4 (as output), padding lanes zero.
   */
  public static KernelSource toPhwc4(String name, int hostBuffer, int tensor, Phwc4Layout layout) {
    TensorArg src =
        new TensorArg("src", hostBuffer, Phwc4Layout.flat(layout.elementCount()), false);
    TensorArg dst = new TensorArg("dst", tensor, layout, true);
    String body =
        slicePrologue(dst)
            + perLane(dst, "r", flatIndex(dst, "i"), "$READ_FLAT(src, i)")
            + "$WRITE(dst, b, y, x, s, r);\n";
    return new KernelSource(name, List.of(), body, List.of(src, dst), sliceGrid(dst), "");
  }

  /**
   * A kernel reading {@code tensor} in PHWC4 (as input) and writing its BHWC floats to {@code host}
   * (a {@link Phwc4Layout#flat} buffer, as output): work item x writes floats 4x .. 4x+3.
   */
  public static KernelSource toBhwc(String name, int tensor, Phwc4Layout layout, int hostBuffer) {
    long elements = layout.elementCount();
    Phwc4Layout flat = Phwc4Layout.flat(elements);
    TensorArg src = new TensorArg("src", tensor, layout, false);
    TensorArg dst = new TensorArg("dst", hostBuffer, flat, true);
    int[] dims = {layout.batch(), layout.height(), layout.width(), layout.channels()};
    StringBuilder body = new StringBuilder();
    body.append("int x = $GID(0);\n")
        .append("if (x >= ")
        .append(flat.width())
        .append(") { return; }\n")
        .append("int b = 0;\nint y = 0;\nint s = 0;\n")
        .append("vec4 r = vec4(0.0);\n");
    for (int lane = 0; lane < Phwc4Layout.LANES; lane++) {
      body.append("{\n  int i = 4 * x + ").append(lane).append(";\n");
      body.append("  if (i < ").append(elements).append(") {\n");
      body.append(decompose("i", dims, "d").strip().indent(4));
      body.append("    r.")
          .append("xyzw".charAt(lane))
          .append(" = $READ_CH(src, d0, d1, d2, d3);\n  }\n}\n");
    }
    body.append("$WRITE(dst, b, y, x, s, r);\n");
    return new KernelSource(
        name, List.of(), body.toString(), List.of(src, dst), new Grid(flat.width(), 1, 1), "");
  }
}
