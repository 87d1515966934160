package io.jlite.bench;

import io.jlite.gles.GlesBuffer;
import io.jlite.gles.GlesContext;
import io.jlite.gles.GlesProgram;
import io.jlite.gles.GlesTexture;
import io.jlite.gles.GlesWorkgroups;
import io.jlite.gles.lwjgl.LwjglBinding;
import io.jlite.gpu.kernel.CodeGenerator;
import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.GlslGenerator;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether image textures help the GLES delegate (the paper keeps tensors in textures on some GPUs):
 * the largest CONV_2D, DEPTHWISE_CONV_2D and ADD of a model, each lowered by gpu-common's {@link
 * GlslGenerator} with its tensors in SSBOs and in {@code image2D}s ({@code rgba32f}, and {@code
 * rgba16f} / packed halves for fp16), timed the way {@link WorkgroupStudy} times them (mean of
 * back-to-back dispatches, each with its memory barrier, between two finishes) at the workgroup the
 * delegate would pick.
 *
 * <p>Usage: {@code TextureStudy [MODEL] [REPS]} (default pose_landmark_lite, 200).
 */
public final class TextureStudy {

  private TextureStudy() {}

  public static void main(String[] args) {
    Graph graph = WorkgroupStudy.model(args);
    int reps = WorkgroupStudy.reps(args);
    StringBuilder table = new StringBuilder();
    table.append(
        "| op (output BHWC) | workgroup | SSBO fp32 µs | image rgba32f µs | SSBO fp16 µs"
            + " | image rgba16f µs |\n|---|---|---|---|---|---|\n");
    try (GlesContext gl = GlesContext.open(new LwjglBinding())) {
      System.out.println("GLES: " + gl.info());
      for (String op : List.of("CONV_2D", "DEPTHWISE_CONV_2D", "ADD")) {
        Node node = WorkgroupStudy.largest(graph, op);
        double[] us = new double[4];
        Grid workgroup = null;
        for (int v = 0; v < 4; v++) {
          boolean half = v >= 2;
          boolean images = v % 2 == 1;
          GpuPlan plan =
              GpuPlanner.plan(
                  graph,
                  List.of(node),
                  GpuPlanner.Options.UNFUSED
                      .withWorkgroups(GlesWorkgroups.heuristic(gl))
                      .withHalfStorage(half));
          PlannedKernel kernel =
              plan.kernels().stream()
                  .filter(k -> k.source().name().contains(op.toLowerCase(Locale.ROOT)))
                  .findFirst()
                  .orElseThrow();
          workgroup = kernel.workgroup();
          us[v] = time(gl, plan, kernel, images, reps);
        }
        table.append(
            String.format(
                Locale.ROOT,
                "| %s %s | %dx%dx%d | %.1f | %.1f | %.1f | %.1f |%n",
                op,
                java.util.Arrays.toString(WorkgroupStudy.shape(graph, node)),
                workgroup.x(),
                workgroup.y(),
                workgroup.z(),
                us[0],
                us[1],
                us[2],
                us[3]));
      }
    }
    System.out.print(table);
  }

  /** Mean µs per dispatch of {@code kernel} with its tensors in images or in SSBOs. */
  private static double time(
      GlesContext gl, GpuPlan plan, PlannedKernel kernel, boolean images, int reps) {
    GlslGenerator generator = new GlslGenerator(CodeGenerator.DEFAULT_INLINE_LIMIT, images);
    LoweredKernel lowered = generator.lower(kernel.source(), kernel.workgroup(), plan::halfStorage);
    GlesProgram program =
        gl.program(kernel.source().name() + (images ? "_images" : "_ssbo"), lowered.source());
    List<GlesBuffer> buffers = new ArrayList<>();
    List<GlesTexture> textures = new ArrayList<>();
    List<GlesProgram.Image> bound = new ArrayList<>();
    try {
      // Bound in parameter order, each kind at its next binding (GlslGenerator.binding).
      for (KernelArg a : lowered.parameters()) {
        if (generator.isImage(a)) {
          TensorArg t = (TensorArg) a;
          GlesTexture texture = texture(gl, t, plan.halfStorage(t.tensor()));
          textures.add(texture);
          bound.add(new GlesProgram.Image(texture, t.output()));
          continue;
        }
        GlesBuffer b = gl.allocate(a.name(), WorkgroupStudy.bytes(a));
        b.write(
            a instanceof ConstArg c
                ? c.toArray()
                : new float[(int) (WorkgroupStudy.bytes(a) / Float.BYTES)]);
        buffers.add(b);
      }
      Grid grid = kernel.source().grid();
      Grid wg = kernel.workgroup();
      int gx = WorkgroupStudy.ceilDiv(grid.x(), wg.x());
      int gy = WorkgroupStudy.ceilDiv(grid.y(), wg.y());
      int gz = WorkgroupStudy.ceilDiv(grid.z(), wg.z());
      return WorkgroupStudy.meanMicros(
          () -> program.dispatch(buffers, bound, gx, gy, gz), gl::finish, reps);
    } finally {
      buffers.forEach(GlesBuffer::close);
      textures.forEach(GlesTexture::close);
    }
  }

  /**
   * A texture of {@code t}'s PHWC4 layout (W × B·S·H texels), allocated as the delegate does. Its
   * contents stay undefined, as the delegate's are until a kernel writes them (the SSBO variant
   * gets zeros; the arithmetic's cost does not depend on the values).
   */
  private static GlesTexture texture(GlesContext gl, TensorArg t, boolean half) {
    Phwc4Layout l = t.layout();
    return gl.allocateTexture(t.name(), l.width(), (int) (l.vec4Count() / l.width()), half);
  }
}
