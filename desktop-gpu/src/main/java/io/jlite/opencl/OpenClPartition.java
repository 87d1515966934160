package io.jlite.opencl;

import io.jlite.Delegate;
import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.OpenClGenerator;
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
import java.util.function.Consumer;

/**
 * One planned partition on an OpenCL device: a buffer per tensor the kernels touch, the constant
 * buffers the generator did not inline, and the kernels with their arguments bound once at
 * preparation.
 *
 * <p>{@link #run} uploads the partition's inputs (BHWC to PHWC4 on the host), enqueues every kernel
 * without waiting, and reads the outputs back: the host waits once per partition, at the first
 * read, however many kernels the partition has.
 */
final class OpenClPartition implements Delegate.Kernel {
  /** A kernel with its arguments bound, and its launch size (computed once). */
  private static final class Launch {
    final ClKernel kernel;
    final long[] global;
    final long[] local;

    Launch(ClKernel kernel, PlannedKernel planned) {
      this.kernel = kernel;
      this.global = planned.globalSize();
      this.local = planned.localSize();
    }
  }

  private final GpuPlan plan;
  private final Map<Integer, ClBuffer> tensorBuffers = new HashMap<>();
  private final List<ClBuffer> constantBuffers = new ArrayList<>();
  private final List<Launch> launches = new ArrayList<>();
  private final Consumer<RunStats> stats;

  /**
   * Allocates and compiles everything {@code plan} needs; on failure releases what it allocated and
   * rethrows.
   */
  OpenClPartition(
      OpenClRuntime runtime, GpuPlan plan, String buildOptions, Consumer<RunStats> stats) {
    this.plan = plan;
    this.stats = stats;
    try {
      OpenClGenerator generator = new OpenClGenerator();
      for (PlannedKernel planned : plan.kernels()) {
        LoweredKernel lowered = generator.lower(planned.source(), planned.workgroup());
        ClKernel kernel =
            runtime.program(lowered.source(), buildOptions).kernel(lowered.entryPoint());
        launches.add(new Launch(kernel, planned));
        List<KernelArg> parameters = lowered.parameters();
        for (int i = 0; i < parameters.size(); i++) {
          kernel.arg(i, buffer(runtime, parameters.get(i)));
        }
      }
      // A partition of RESHAPEs alone has no kernel; its outputs alias its inputs' buffers.
      for (int t : plan.inputs()) {
        tensorBuffer(runtime, t);
      }
      for (int t : plan.outputs()) {
        tensorBuffer(runtime, t);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private ClBuffer buffer(OpenClRuntime runtime, KernelArg arg) {
    if (arg instanceof TensorArg t) {
      return tensorBuffer(runtime, t.tensor());
    }
    ConstArg c = (ConstArg) arg;
    ClBuffer buffer = runtime.allocate(c.name(), (long) c.length() * Float.BYTES);
    constantBuffers.add(buffer);
    buffer.write(c.toArray());
    return buffer;
  }

  /** The buffer holding {@code tensor} (shared with the tensors it aliases), allocated once. */
  private ClBuffer tensorBuffer(OpenClRuntime runtime, int tensor) {
    int storage = plan.storage(tensor);
    ClBuffer buffer = tensorBuffers.get(storage);
    if (buffer == null) {
      TensorSpec spec = plan.graph().tensor(storage);
      buffer = runtime.allocate(spec.name(), plan.layout(storage).byteSize(Float.BYTES));
      tensorBuffers.put(storage, buffer);
    }
    return buffer;
  }

  @Override
  public void run(NdArray[] values) {
    long start = System.nanoTime();
    for (int t : plan.inputs()) {
      tensorBuffers.get(plan.storage(t)).write(plan.layout(t).fromBhwc(values[t].floats()));
    }
    long uploaded = System.nanoTime();
    for (Launch launch : launches) {
      launch.kernel.enqueue(launch.global, launch.local);
    }
    long enqueued = System.nanoTime();
    for (int t : plan.outputs()) {
      Phwc4Layout layout = plan.layout(t);
      float[] phwc4 = new float[Math.toIntExact(layout.floatCount())];
      tensorBuffers.get(plan.storage(t)).read(phwc4);
      TensorSpec spec = plan.graph().tensor(t);
      values[t] = NdArray.ofFloats(spec.type(), spec.shape(), layout.toBhwc(phwc4));
    }
    long done = System.nanoTime();
    stats.accept(
        new RunStats(1, launches.size(), uploaded - start, enqueued - uploaded, done - enqueued));
  }

  /** The number of kernels one run enqueues. */
  int kernelCount() {
    return launches.size();
  }

  @Override
  public void close() {
    launches.forEach(l -> l.kernel.close());
    tensorBuffers.values().forEach(ClBuffer::close);
    constantBuffers.forEach(ClBuffer::close);
    launches.clear();
    tensorBuffers.clear();
    constantBuffers.clear();
  }
}
