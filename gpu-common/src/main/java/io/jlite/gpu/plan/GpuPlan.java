package io.jlite.gpu.plan;

import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.Graph;
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
 * @param aliases tensors with no kernel of their own that share another tensor's buffer (a RESHAPE
 *     whose BHWC views are equal): alias → the tensor whose buffer holds the data
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
}
