package io.jlite.bench;

import io.jlite.gles.GlesBuffer;
import io.jlite.gles.GlesContext;
import io.jlite.gles.GlesProgram;
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
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lwjgl.opengles.GLES20;
import org.lwjgl.opengles.GLES30;
import org.lwjgl.opengles.GLES31;

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
  private static final int GL_READ_ONLY = 0x88B8;
  private static final int GL_WRITE_ONLY = 0x88B9;

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
    List<Integer> textures = new ArrayList<>();
    try {
      List<KernelArg> parameters = lowered.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        KernelArg a = parameters.get(i);
        GlesBuffer b = gl.allocate(a.name(), WorkgroupStudy.bytes(a));
        b.write(
            a instanceof ConstArg c
                ? c.toArray()
                : new float[(int) (WorkgroupStudy.bytes(a) / Float.BYTES)]);
        buffers.add(b); // a tensor's SSBO, or (with images) an unused placeholder at its binding
        if (images && a instanceof TensorArg t) {
          textures.add(texture(i, t, plan.halfStorage(t.tensor())));
        }
      }
      Grid grid = kernel.source().grid();
      Grid wg = kernel.workgroup();
      int gx = WorkgroupStudy.ceilDiv(grid.x(), wg.x());
      int gy = WorkgroupStudy.ceilDiv(grid.y(), wg.y());
      int gz = WorkgroupStudy.ceilDiv(grid.z(), wg.z());
      return WorkgroupStudy.meanMicros(
          () -> {
            program.dispatch(buffers, gx, gy, gz);
            if (images) {
              GLES31.glMemoryBarrier(GLES31.GL_SHADER_IMAGE_ACCESS_BARRIER_BIT);
            }
          },
          gl::finish,
          reps);
    } finally {
      buffers.forEach(GlesBuffer::close);
      textures.forEach(GLES20::glDeleteTextures);
    }
  }

  /** A zeroed texture of {@code t}'s PHWC4 layout (W × B·S·H texels) bound to image unit. */
  private static int texture(int unit, TensorArg t, boolean half) {
    Phwc4Layout l = t.layout();
    int width = l.width();
    int rows = (int) (l.vec4Count() / width);
    int format = half ? GLES30.GL_RGBA16F : GLES30.GL_RGBA32F;
    int texture = GLES20.glGenTextures();
    GLES20.glBindTexture(GLES20.GL_TEXTURE_2D, texture);
    GLES30.glTexStorage2D(GLES20.GL_TEXTURE_2D, 1, format, width, rows);
    FloatBuffer zeros = org.lwjgl.BufferUtils.createFloatBuffer(width * rows * 4);
    GLES20.glTexSubImage2D(
        GLES20.GL_TEXTURE_2D, 0, 0, 0, width, rows, GLES20.GL_RGBA, GLES20.GL_FLOAT, zeros);
    GLES31.glBindImageTexture(
        unit, texture, 0, false, 0, t.output() ? GL_WRITE_ONLY : GL_READ_ONLY, format);
    return texture;
  }
}
