package io.jlite.gles;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.GlslGenerator;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One planned partition in a GLES context: an SSBO per tensor the kernels touch (aliases share
 * one), an SSBO per constant the generator did not inline, and one compute program per kernel
 * (lowered to GLSL ES 3.10 from gpu-common's templates, workgroup size written into the source).
 *
 * <p>{@link #run} uploads the inputs (BHWC to PHWC4 on the host), dispatches every kernel with a
 * storage barrier between them, and maps the outputs back: the host waits once, at the first read.
 */
final class GlesPartition implements Delegate.Kernel {
  /** OpenGL ES 3.1's guaranteed minimum of {@code GL_MAX_COMPUTE_WORK_GROUP_COUNT} per axis. */
  static final int MAX_GROUPS = 65535;

  /** A program with its buffers in binding order and its workgroup counts. */
  private record Dispatch(GlesProgram program, List<GlesBuffer> buffers, Grid groups) {}

  private final GpuPlan plan;
  private final Map<Integer, GlesBuffer> tensorBuffers = new HashMap<>();
  private final List<GlesBuffer> constantBuffers = new ArrayList<>();
  private final List<Dispatch> dispatches = new ArrayList<>();

  /**
   * Allocates and builds everything {@code plan} needs; on failure releases what it allocated and
   * rethrows.
   */
  GlesPartition(GlesContext context, GpuPlan plan) {
    this.plan = plan;
    try {
      GlslGenerator generator = new GlslGenerator();
      for (PlannedKernel planned : plan.kernels()) {
        Grid workgroup = fit(planned.workgroup(), context.info());
        LoweredKernel lowered = generator.lower(planned.source(), workgroup);
        GlesProgram program = context.program(planned.source().name(), lowered.source());
        List<GlesBuffer> buffers = new ArrayList<>();
        for (KernelArg parameter : lowered.parameters()) {
          buffers.add(buffer(context, parameter));
        }
        dispatches.add(new Dispatch(program, buffers, groups(planned, workgroup)));
      }
      // A partition of RESHAPEs alone has no kernel; its outputs alias its inputs' buffers.
      for (int t : plan.inputs()) {
        tensorBuffer(context, t);
      }
      for (int t : plan.outputs()) {
        tensorBuffer(context, t);
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

  private GlesBuffer buffer(GlesContext context, KernelArg arg) {
    if (arg instanceof TensorArg t) {
      return tensorBuffer(context, t.tensor());
    }
    ConstArg c = (ConstArg) arg;
    GlesBuffer buffer = context.allocate(c.name(), (long) c.length() * Float.BYTES);
    constantBuffers.add(buffer);
    buffer.write(c.toArray());
    return buffer;
  }

  /** The buffer holding {@code tensor} (shared with the tensors it aliases), allocated once. */
  private GlesBuffer tensorBuffer(GlesContext context, int tensor) {
    int storage = plan.storage(tensor);
    GlesBuffer buffer = tensorBuffers.get(storage);
    if (buffer == null) {
      TensorSpec spec = plan.graph().tensor(storage);
      buffer = context.allocate(spec.name(), plan.layout(storage).byteSize(Float.BYTES));
      tensorBuffers.put(storage, buffer);
    }
    return buffer;
  }

  @Override
  public void run(NdArray[] values) {
    for (int t : plan.inputs()) {
      tensorBuffers.get(plan.storage(t)).write(plan.layout(t).fromBhwc(values[t].floats()));
    }
    for (Dispatch d : dispatches) {
      d.program().dispatch(d.buffers(), d.groups().x(), d.groups().y(), d.groups().z());
    }
    for (int t : plan.outputs()) {
      Phwc4Layout layout = plan.layout(t);
      float[] phwc4 = new float[Math.toIntExact(layout.floatCount())];
      tensorBuffers.get(plan.storage(t)).read(phwc4);
      TensorSpec spec = plan.graph().tensor(t);
      values[t] = NdArray.ofFloats(spec.type(), spec.shape(), layout.toBhwc(phwc4));
    }
  }

  /** The number of dispatches one run makes. */
  int dispatchCount() {
    return dispatches.size();
  }

  /** Releases the buffers; the programs belong to the context (shared between partitions). */
  @Override
  public void close() {
    tensorBuffers.values().forEach(GlesBuffer::close);
    constantBuffers.forEach(GlesBuffer::close);
    dispatches.clear();
    tensorBuffers.clear();
    constantBuffers.clear();
  }
}
