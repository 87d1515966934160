package io.jlite.gles;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gpu.kernel.CodeGenerator;
import io.jlite.gpu.kernel.GlslGenerator;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.PlanBuffers;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.ir.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One planned partition in a GLES context: its buffers (gpu-common's {@link PlanBuffers}: SSBOs per
 * tensor and per constant too large to inline), textures for its image tensors (when asked for: the
 * tensors {@link TextureChoice} allows; {@link PlanTextures}), and one compute program per kernel,
 * lowered to GLSL ES 3.10 from gpu-common's templates with the workgroup size written into the
 * source.
 *
 * <p>{@link #run} uploads the inputs, dispatches every kernel with a storage barrier between them,
 * and maps the outputs back: the host waits once, at the first read.
 */
final class GlesPartition implements Delegate.Kernel {
  /** OpenGL ES 3.1's guaranteed minimum of {@code GL_MAX_COMPUTE_WORK_GROUP_COUNT} per axis. */
  static final int MAX_GROUPS = 65535;

  /** A program with its buffers and images in binding order and its workgroup counts. */
  private record Dispatch(
      GlesProgram program, List<GlesBuffer> buffers, List<GlesProgram.Image> images, Grid groups) {}

  private final PlanBuffers<GlesBuffer> buffers;
  private PlanTextures textures;
  private final List<Dispatch> dispatches = new ArrayList<>();

  /**
   * Allocates and builds everything {@code plan} needs, tensors in SSBOs only; on failure releases
   * what it allocated and rethrows.
   */
  GlesPartition(GlesContext context, GpuPlan plan, MemoryStrategy memory) {
    this(context, plan, memory, Optional.empty());
  }

  /**
   * Allocates and builds everything {@code plan} needs; on failure releases what it allocated and
   * rethrows.
   *
   * @param imageLimits when present, device tensors go to image textures as {@link TextureChoice}
   *     allows under these limits
   */
  GlesPartition(
      GlesContext context,
      GpuPlan plan,
      MemoryStrategy memory,
      Optional<TextureChoice.Limits> imageLimits) {
    Map<Integer, TextureChoice.Size> images =
        imageLimits.map(limits -> TextureChoice.images(plan, limits)).orElse(Map.of());
    this.buffers = new PlanBuffers<>(plan, context::allocate, Optional.of(memory), images.keySet());
    try {
      this.textures = new PlanTextures(context, plan, images, memory);
      GlslGenerator generator =
          new GlslGenerator(
              CodeGenerator.DEFAULT_INLINE_LIMIT, t -> images.containsKey(plan.storage(t)));
      for (PlannedKernel planned : plan.kernels()) {
        Grid workgroup = fit(planned.workgroup(), context.info());
        if (planned.source().fixedWorkgroup().isPresent()
            && !workgroup.equals(planned.workgroup())) {
          throw new GpuUnavailableException(
              "kernel '"
                  + planned.source().name()
                  + "' needs workgroup "
                  + planned.workgroup()
                  + "; the driver allows at most "
                  + workgroup);
        }
        LoweredKernel lowered = generator.lower(planned.source(), workgroup, plan::halfStorage);
        GlesProgram program = context.program(planned.source().name(), lowered.source());
        // In parameter order each kind gets the next binding: GlslGenerator.binding.
        List<GlesBuffer> bound = new ArrayList<>();
        List<GlesProgram.Image> imageArgs = new ArrayList<>();
        for (KernelArg p : lowered.parameters()) {
          if (generator.isImage(p)) {
            TensorArg t = (TensorArg) p;
            imageArgs.add(new GlesProgram.Image(textures.of(plan.storage(t.tensor())), t.output()));
          } else {
            bound.add(buffers.of(p));
          }
        }
        dispatches.add(new Dispatch(program, bound, imageArgs, groups(planned, workgroup)));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * {@code wanted} shrunk to the driver's limits (per axis and in total): a workgroup the driver
   * cannot run would fail to link.
   */
  static Grid fit(Grid wanted, GlesDeviceInfo info) {
    int x = Math.min(wanted.x(), info.maxWorkgroupX());
    int y = Math.min(wanted.y(), info.maxWorkgroupY());
    int z = Math.min(wanted.z(), info.maxWorkgroupZ());
    while ((long) x * y * z > info.maxInvocations()) {
      if (x >= y && x > 1) {
        x /= 2;
      } else if (y > 1) {
        y /= 2;
      } else {
        z /= 2;
      }
    }
    return new Grid(x, y, z);
  }

  /** The number of workgroups along each axis that covers the kernel's grid. */
  static Grid groups(PlannedKernel planned, Grid workgroup) {
    Grid grid = planned.source().grid();
    int[] groups = {
      ceilDiv(grid.x(), workgroup.x()),
      ceilDiv(grid.y(), workgroup.y()),
      ceilDiv(grid.z(), workgroup.z())
    };
    for (int g : groups) {
      if (g > MAX_GROUPS) {
        throw new GpuUnavailableException(
            "kernel '"
                + planned.source().name()
                + "' needs "
                + g
                + " workgroups along one axis; OpenGL ES guarantees "
                + MAX_GROUPS);
      }
    }
    return new Grid(groups[0], groups[1], groups[2]);
  }

  private static int ceilDiv(int n, int d) {
    return (n + d - 1) / d;
  }

  @Override
  public void run(NdArray[] values) {
    buffers.upload(values);
    for (Dispatch d : dispatches) {
      d.program().dispatch(d.buffers(), d.images(), d.groups().x(), d.groups().y(), d.groups().z());
    }
    buffers.download(values);
  }

  /** The number of dispatches one run makes. */
  int dispatchCount() {
    return dispatches.size();
  }

  /** Textures the partition holds (0 without textures). */
  int textureCount() {
    return textures == null ? 0 : textures.count();
  }

  /** Device bytes of the tensors: SSBOs (shared objects) and textures, constants not included. */
  long tensorBytes() {
    return buffers.tensorBytes() + (textures == null ? 0 : textures.bytes());
  }

  /**
   * Releases the buffers and textures; the programs belong to the context (shared between
   * partitions).
   */
  @Override
  public void close() {
    dispatches.clear();
    try {
      buffers.close();
    } finally {
      if (textures != null) {
        textures.close();
      }
    }
  }
}
