package io.jlite.gpu.plan;

import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.memory.TensorUsage;
import io.jlite.ir.Graph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A delegate partition planned for the GPU: kernels to run in order, and the tensors that cross the
 * partition's boundary. Every tensor a kernel names lives on the GPU in the PHWC4 {@link #layout}
 * of its shape; a backend uploads the {@link #inputs} (converted with {@link Phwc4Layout#fromBhwc})
 * before the first kernel and downloads the {@link #outputs} (with {@link Phwc4Layout#toBhwc})
 * after the last.
 *
 * @param graph the graph after the planning passes (fused nodes in place of the originals)
 * @param kernels the kernels in execution order
 * @param inputs tensors the partition reads from outside (not constants)
 * @param outputs tensors computed here and read outside (by later CPU ops or as model outputs)
 * @param aliases tensors with no kernel of their own that share another tensor's buffer (the
 *     outputs of {@link io.jlite.gpu.fusion.BufferAlias} nodes: a RESHAPE between views of one
 *     PHWC4 buffer, an identity op): alias → the tensor whose buffer holds the data
 */
public record GpuPlan(
    Graph graph,
    List<PlannedKernel> kernels,
    List<Integer> inputs,
    List<Integer> outputs,
    Map<Integer, Integer> aliases) {
  public GpuPlan {
    kernels = List.copyOf(kernels);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    aliases = Map.copyOf(aliases);
  }

  /** The PHWC4 layout of a tensor of the graph. */
  public Phwc4Layout layout(int tensor) {
    return Phwc4Layout.of(graph.tensor(tensor).shape());
  }

  /** The tensor whose buffer holds {@code tensor}'s data: itself unless it is an alias. */
  public int storage(int tensor) {
    int t = tensor;
    while (aliases.containsKey(t)) {
      t = aliases.get(t);
    }
    return t;
  }

  /**
   * The lifetimes of the tensors the plan keeps on the GPU, for memory planning: one usage per
   * buffer (an alias extends its storage's lifetime), step k = kernel k, size = PHWC4 bytes at
   * {@code bytesPerElement}. Inputs are alive from step 0 (uploaded before the first kernel),
   * outputs until the last step (downloaded after it).
   */
  public List<TensorUsage> tensorUsages(int bytesPerElement) {
    Map<Integer, int[]> life = new LinkedHashMap<>();
    int last = Math.max(0, kernels.size() - 1);
    for (int t : inputs) {
      life.computeIfAbsent(storage(t), k -> new int[] {0, 0});
    }
    for (int k = 0; k < kernels.size(); k++) {
      for (KernelArg a : kernels.get(k).source().args()) {
        if (a instanceof TensorArg t) {
          int[] range =
              life.computeIfAbsent(storage(t.tensor()), x -> new int[] {Integer.MAX_VALUE, 0});
          range[0] = Math.min(range[0], k);
          range[1] = Math.max(range[1], k);
        }
      }
    }
    for (int t : outputs) {
      life.computeIfAbsent(storage(t), k -> new int[] {last, last})[1] = last;
    }
    List<TensorUsage> usages = new ArrayList<>();
    for (Map.Entry<Integer, int[]> e : life.entrySet()) {
      int[] range = e.getValue();
      usages.add(
          new TensorUsage(
              usages.size(),
              e.getKey(),
              layout(e.getKey()).byteSize(bytesPerElement),
              Math.min(range[0], range[1]),
              range[1]));
    }
    return usages;
  }
}
