package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import java.util.List;

/** Small hand-written kernels of a given output size, for the workgroup tests. */
final class TestKernels {
  private TestKernels() {}

  /** A kernel that writes {@code value} to every slice of a [1, h, w, c] tensor. */
  static KernelSource fill(String name, int h, int w, int c, float value) {
    Phwc4Layout out = new Phwc4Layout(1, h, w, c);
    return new KernelSource(
        name,
        List.of(),
        "int x = $GID(0); int y = $GID(1); int s = $GID(2); int b = 0;\n"
            + "if (x >= "
            + w
            + " || y >= "
            + h
            + " || s >= "
            + out.slices()
            + ") return;\n"
            + "$WRITE(out, b, y, x, s, vec4("
            + value
            + "));",
        List.of(new TensorArg("out", 0, out, true)),
        new Grid(w, h, out.slices()),
        "");
  }

  static GpuDevice device(String api, String description, int maxInvocations) {
    return new GpuDevice(
        api, description, api + "|" + description + "|driver 1", maxInvocations, 1024, 1024, 64);
  }
}
