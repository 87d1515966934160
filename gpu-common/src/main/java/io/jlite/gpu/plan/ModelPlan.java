package io.jlite.gpu.plan;

import io.jlite.gpu.memory.TensorUsage;
import io.jlite.gpu.partition.Partition;
import io.jlite.gpu.partition.Partitioner;
import io.jlite.ir.Graph;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole model planned for the GPU: its partitions (GPU subgraphs and CPU islands) and the plan of
 * each GPU partition, as {@code jlite plan} reports them.
 *
 * @param partitions every node, in partitions, in execution order
 * @param plans the plan of each delegated partition, in order
 */
public record ModelPlan(Graph graph, List<Partition> partitions, List<GpuPlan> plans) {
  public ModelPlan {
    partitions = List.copyOf(partitions);
    plans = List.copyOf(plans);
  }

  /**
   * Plans every GPU partition of {@code graph} (at most {@code maxPartitions}) with {@code
   * options}.
   */
  public static ModelPlan of(Graph graph, GpuPlanner.Options options, int maxPartitions) {
    List<Partition> partitions = Partitioner.partition(graph, GpuPlanner::supports, maxPartitions);
    List<GpuPlan> plans = new ArrayList<>();
    for (Partition p : partitions) {
      if (p.delegated()) {
        plans.add(GpuPlanner.plan(graph, p.nodes(), options));
      }
    }
    return new ModelPlan(graph, partitions, plans);
  }

  /** The number of GPU kernels over all partitions. */
  public int kernelCount() {
    return plans.stream().mapToInt(p -> p.kernels().size()).sum();
  }

  /** The number of nodes that run on the CPU. */
  public int cpuNodeCount() {
    return partitions.stream().filter(p -> !p.delegated()).mapToInt(p -> p.nodes().size()).sum();
  }

  /**
   * The GPU tensors' lifetimes on one timeline: the partitions' kernels one after another (each
   * partition has its own tensors; a tensor crossing partitions is downloaded and uploaded again).
   */
  public List<TensorUsage> tensorUsages(int bytesPerElement) {
    List<TensorUsage> all = new ArrayList<>();
    int offset = 0;
    for (GpuPlan p : plans) {
      for (TensorUsage u : p.tensorUsages(bytesPerElement)) {
        all.add(
            new TensorUsage(
                all.size(), u.tensor(), u.size(), u.first() + offset, u.last() + offset));
      }
      offset += Math.max(1, p.kernels().size());
    }
    return all;
  }
}
