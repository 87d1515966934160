package io.jlite.gpu.fault;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gpu.plan.CpuPartition;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import java.util.List;

/**
 * A GPU partition that, once its delegate's {@link GpuFallback} has switched to the CPU, releases
 * its device objects and runs its nodes on the CPU instead.
 */
final class GuardedKernel implements Delegate.Kernel {
  private final GpuFallback fallback;
  private final Graph graph;
  private final List<Node> nodes;
  private Delegate.Kernel gpu;
  private CpuPartition cpu;

  GuardedKernel(GpuFallback fallback, Graph graph, List<Node> nodes, Delegate.Kernel gpu) {
    this.fallback = fallback;
    this.graph = graph;
    this.nodes = List.copyOf(nodes);
    this.gpu = gpu;
  }

  @Override
  public void run(NdArray[] values) {
    if (cpu == null && fallback.active()) {
      try {
        gpu.run(values);
        return;
      } catch (GpuUnavailableException e) {
        // A failed run wrote at most some outputs; inputs are untouched, so the CPU can redo it.
        var thrown = fallback.runFailed(graph, nodes, e);
        if (thrown.isPresent()) {
          throw thrown.get();
        }
      }
    }
    if (cpu == null) {
      fallback.release(gpu);
      cpu = new CpuPartition(graph, nodes);
    }
    cpu.run(values);
  }

  @Override
  public void close() {
    if (cpu == null) {
      gpu.close();
    }
  }
}
