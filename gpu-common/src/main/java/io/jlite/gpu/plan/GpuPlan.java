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
 * after the last kernel writing each ({@link #readyAfter}).
 *
 * @param graph the graph after the planning passes (fused nodes in place of the originals)
 * @param kernels the kernels in execution order
 * @param inputs tensors the partition reads from outside (not constants)
 * @param outputs tensors computed here and read outside (by later CPU ops or as model outputs)
 * @param aliases tensors with no kernel of their own that share another tensor's buffer (the
 *     outputs of {@link io.jlite.gpu.fusion.BufferAlias} nodes: a RESHAPE between views of one
 *     PHWC4 buffer, an identity op): alias → the tensor whose buffer holds the data
 * @param hostBuffers boundary tensors converted on the device (by a kernel of the plan) → the id of
 *     the buffer the host writes or reads in plain BHWC order ({@link Phwc4Layout#flat}); ids past
 *     the graph's tensors. Other boundary tensors are converted on the host.
 * @param halfStorage whether tensors on the device are stored as 16-bit floats (kernels compute in
 *     32-bit; the partition's outputs and host buffers keep 32-bit floats, see {@link
 *     #halfStorage(int)}), so every boundary tensor is then converted on the device
 */
public record GpuPlan(
    Graph graph,
    List<PlannedKernel> kernels,
    List<Integer> inputs,
    List<Integer> outputs,
    Map<Integer, Integer> aliases,
    Map<Integer, Integer> hostBuffers,
    boolean halfStorage) {
  public GpuPlan {
    kernels = List.copyOf(kernels);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    aliases = Map.copyOf(aliases);
    hostBuffers = Map.copyOf(hostBuffers);
  }

  /** A plan converting every boundary tensor on the host. */
  public GpuPlan(
      Graph graph,
      List<PlannedKernel> kernels,
      List<Integer> inputs,
      List<Integer> outputs,
      Map<Integer, Integer> aliases) {
    this(graph, kernels, inputs, outputs, aliases, Map.of(), false);
  }

  /**
   * Whether buffer {@code tensor} holds 16-bit floats: with half storage every device tensor except
   * host buffers and the partition's outputs (and the tensors they alias), which keep 32 bits so
   * that the last kernel's values leave the GPU unrounded (pose_landmark_lite's presence score of
   * 3e-10 on random input is 0 in half precision).
   */
  public boolean halfStorage(int tensor) {
    if (!halfStorage || hostBuffers.containsValue(tensor)) {
      return false;
    }
    int stored = storage(tensor);
    for (int t : outputs) {
      if (storage(t) == stored) {
        return false;
      }
    }
    return true;
  }

  /** The size of the device buffer of {@code tensor} (a tensor's storage or a host buffer). */
  public long bufferBytes(int tensor) {
    return layout(tensor).byteSize(halfStorage(tensor) ? 2 : Float.BYTES);
  }

  /** {@link #tensorUsages} with each buffer's real size ({@link #bufferBytes}). */
  public List<TensorUsage> deviceUsages() {
    return usages(this::bufferBytes);
  }

  /**
   * {@link #deviceUsages} of the buffers {@code keep} accepts (buffer ids), numbered 0.. again: for
   * a backend that stores some tensors in another kind of object (GLES textures) and shares each
   * kind among its own tensors.
   */
  public List<TensorUsage> deviceUsages(java.util.function.IntPredicate keep) {
    List<TensorUsage> kept = new ArrayList<>();
    for (TensorUsage u : deviceUsages()) {
      if (keep.test(u.tensor())) {
        kept.add(new TensorUsage(kept.size(), u.tensor(), u.size(), u.first(), u.last()));
      }
    }
    return kept;
  }

  /**
   * The PHWC4 layout of a tensor of the graph, or the flat layout of a {@link #hostBuffers host
   * buffer}.
   */
  public Phwc4Layout layout(int tensor) {
    if (tensor >= graph.tensors().size()) {
      return Phwc4Layout.flat(layout(boundaryOf(tensor)).elementCount());
    }
    return Phwc4Layout.of(graph.tensor(tensor).shape());
  }

  /** A readable name of a buffer (tensor or host buffer), for messages. */
  public String label(int tensor) {
    if (tensor >= graph.tensors().size()) {
      return graph.tensor(boundaryOf(tensor)).name() + " (host layout)";
    }
    return graph.tensor(tensor).name();
  }

  private int boundaryOf(int hostBuffer) {
    return hostBuffers.entrySet().stream()
        .filter(e -> e.getValue() == hostBuffer)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no tensor or host buffer " + hostBuffer));
  }

  /**
   * The buffer the host copies boundary tensor {@code tensor} to or from: its host buffer when the
   * plan converts it on the device, else its own storage.
   */
  public int hostSide(int tensor) {
    return hostBuffers.getOrDefault(tensor, storage(tensor));
  }

  /** Whether the host copies {@code tensor}'s BHWC floats as they are (no host conversion). */
  private boolean plainOnHost(int tensor) {
    return hostBuffers.containsKey(tensor) || layout(tensor).sameAsBhwc();
  }

  /** The floats the host writes for input {@code tensor} given its BHWC data. */
  public float[] toDevice(int tensor, float[] bhwc) {
    return plainOnHost(tensor) ? bhwc : layout(tensor).fromBhwc(bhwc);
  }

  /** How many floats the host reads back for output {@code tensor}. */
  public int deviceFloats(int tensor) {
    Phwc4Layout l = layout(tensor);
    return Math.toIntExact(plainOnHost(tensor) ? l.elementCount() : l.floatCount());
  }

  /** The BHWC data of output {@code tensor} given the {@link #deviceFloats} floats read back. */
  public float[] toHost(int tensor, float[] read) {
    return plainOnHost(tensor) ? read : layout(tensor).toBhwc(read);
  }

  /** The tensor whose buffer holds {@code tensor}'s data: itself unless it is an alias. */
  public int storage(int tensor) {
    return storage(tensor, aliases);
  }

  private static int storage(int tensor, Map<Integer, Integer> aliases) {
    int t = tensor;
    while (aliases.containsKey(t)) {
      t = aliases.get(t);
    }
    return t;
  }

  /**
   * The index of the last kernel writing output {@code tensor}'s host-side buffer ({@link
   * #hostSide}), -1 when no kernel does (an output aliasing an input): no later kernel changes it,
   * so a backend may copy it to the host while they run.
   */
  public int readyAfter(int tensor) {
    return lastWriter(kernels, hostSide(tensor), aliases);
  }

  /** The index of the last of {@code kernels} writing {@code tensor}'s buffer; -1 if none does. */
  static int lastWriter(List<PlannedKernel> kernels, int tensor, Map<Integer, Integer> aliases) {
    int stored = storage(tensor, aliases);
    for (int k = kernels.size() - 1; k >= 0; k--) {
      for (KernelArg a : kernels.get(k).source().args()) {
        if (a instanceof TensorArg arg
            && arg.output()
            && storage(arg.tensor(), aliases) == stored) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * The lifetimes of the tensors the plan keeps on the GPU, for memory planning: one usage per
   * buffer (an alias extends its storage's lifetime), step k = kernel k, size = PHWC4 bytes at
   * {@code bytesPerElement}. Inputs are alive from step 0 (uploaded before the first kernel),
   * outputs until the last step (downloaded after it).
   */
  public List<TensorUsage> tensorUsages(int bytesPerElement) {
    return usages(t -> layout(t).byteSize(bytesPerElement));
  }

  private List<TensorUsage> usages(java.util.function.IntToLongFunction bytes) {
    Map<Integer, int[]> life = new LinkedHashMap<>();
    int last = Math.max(0, kernels.size() - 1);
    for (int t : inputs) {
      life.computeIfAbsent(hostSide(t), k -> new int[] {0, 0});
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
      life.computeIfAbsent(hostSide(t), k -> new int[] {last, last})[1] = last;
    }
    List<TensorUsage> usages = new ArrayList<>();
    for (Map.Entry<Integer, int[]> e : life.entrySet()) {
      int[] range = e.getValue();
      usages.add(
          new TensorUsage(
              usages.size(),
              e.getKey(),
              bytes.applyAsLong(e.getKey()),
              Math.min(range[0], range[1]),
              range[1]));
    }
    return usages;
  }
}
