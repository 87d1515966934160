package io.jlite.gpu.plan;

import io.jlite.gpu.fusion.BufferAlias;
import io.jlite.gpu.fusion.FusedOp;
import io.jlite.gpu.fusion.GraphPass;
import io.jlite.gpu.fusion.MergedProducer;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.partition.Subgraph;
import io.jlite.gpu.templates.LayoutConversion;
import io.jlite.gpu.templates.Templates;
import io.jlite.gpu.workgroup.OpKind;
import io.jlite.gpu.workgroup.WorkgroupChooser;
import io.jlite.gpu.workgroup.Workgroups;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.Concatenation;
import io.jlite.ops.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a delegate partition for the GPU: runs the graph passes (fusion, PAD merging, weight
 * folding, no-op removal), then generates one kernel per remaining node from its op's template and
 * picks its workgroup size. A node the passes marked as a {@link BufferAlias} (a RESHAPE between
 * views of one PHWC4 buffer, an identity op: {@link io.jlite.gpu.fusion.RemoveNoOps}) gets no
 * kernel; its output shares its input's buffer ({@link GpuPlan#aliases}). Without passes every op
 * gets a kernel.
 *
 * <p>How a backend uses it:
 *
 * <pre>{@code
 * boolean claims(Graph g, Node n) { return GpuPlanner.supports(g, n); }
 * Kernel prepare(Graph g, List<Node> partition) {
 *   GpuPlan plan = GpuPlanner.plan(g, partition, GpuPlanner.Options.DEFAULT);
 *   for (PlannedKernel k : plan.kernels()) {
 *     LoweredKernel cl = new OpenClGenerator().lower(k.source(), k.workgroup());
 *     // compile cl.source(), entry point cl.entryPoint(); bind cl.parameters() in order:
 *     //   TensorArg t -> the buffer of plan.storage(t.tensor()), t.layout().byteSize(4) bytes
 *     //   ConstArg c  -> a buffer holding c.data()
 *     // enqueue with k.globalSize() and k.localSize()
 *   }
 * }
 * }</pre>
 */
public final class GpuPlanner {
  private GpuPlanner() {}

  /**
   * Planning choices.
   *
   * @param passes the graph passes to run, in order
   * @param workgroups how workgroup sizes are chosen
   * @param deviceConversionFrom boundary tensors of at least this many elements are converted
   *     between BHWC and PHWC4 by a kernel on the device ({@link LayoutConversion}); smaller ones
   *     on the host, where a few hundred floats cost less than a kernel launch
   * @param halfStorage store tensors on the device as 16-bit floats (see {@link
   *     GpuPlan#halfStorage}); every boundary tensor is then converted on the device
   */
  public record Options(
      List<GraphPass> passes,
      WorkgroupChooser workgroups,
      int deviceConversionFrom,
      boolean halfStorage) {
    /** Tensors from this many elements (16 KiB of floats) are converted on the device. */
    public static final int DEFAULT_DEVICE_CONVERSION_FROM = 4096;

    /** All passes, the default workgroup heuristic. */
    public static final Options DEFAULT =
        new Options(GraphPass.standard(), Workgroups.defaultChooser());

    /** No passes: one kernel per op. */
    public static final Options UNFUSED = new Options(List.of(), Workgroups.defaultChooser());

    public Options {
      passes = List.copyOf(passes);
    }

    /** Options with the default device-conversion threshold, 32-bit storage. */
    public Options(List<GraphPass> passes, WorkgroupChooser workgroups) {
      this(passes, workgroups, DEFAULT_DEVICE_CONVERSION_FROM, false);
    }

    /**
     * What a GPU delegate plans with: every pass, its device's workgroup chooser, and half storage
     * when it was asked for {@link Precision#FP16}.
     */
    public static Options forDevice(WorkgroupChooser workgroups, Precision precision) {
      return DEFAULT.withWorkgroups(workgroups).withHalfStorage(precision == Precision.FP16);
    }

    /** These options with tensors stored in 16 bits on the device, or not. */
    public Options withHalfStorage(boolean half) {
      return new Options(passes, workgroups, deviceConversionFrom, half);
    }

    /** These options with another way of choosing workgroups (e.g. a backend's tuner). */
    public Options withWorkgroups(WorkgroupChooser chooser) {
      return new Options(passes, chooser, deviceConversionFrom, halfStorage);
    }

    /**
     * These options with fusion (elementwise, depthwise + pointwise) stopping before a kernel binds
     * more than {@code max} buffers (a GLES driver's {@code GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS}).
     */
    public Options withMaxKernelBuffers(int max) {
      List<GraphPass> limited = passes.stream().map(p -> p.withMaxKernelBuffers(max)).toList();
      return new Options(limited, workgroups, deviceConversionFrom, halfStorage);
    }
  }

  /** Whether a GPU backend can run {@code node}. */
  public static boolean supports(Graph graph, Node node) {
    return unsupportedReason(graph, node).isEmpty();
  }

  /** Why a GPU backend cannot run {@code node}; empty when it can. */
  public static Optional<String> unsupportedReason(Graph graph, Node node) {
    return Templates.unsupportedReason(graph, node);
  }

  /**
   * Plans the partition {@code nodes} of {@code graph} (nodes in execution order, each supported).
   *
   * @throws io.jlite.UnsupportedOpException if a node has no template that supports it
   */
  public static GpuPlan plan(Graph graph, List<Node> nodes, Options options) {
    Graph sub = Subgraph.of(graph, nodes);
    for (GraphPass pass : options.passes()) {
      sub = pass.apply(sub);
    }
    List<PlannedKernel> kernels = new ArrayList<>();
    Map<Integer, Integer> aliases = new HashMap<>();
    Map<Integer, Integer> hostBuffers = new HashMap<>();
    List<Integer> converted = new ArrayList<>();
    for (int t : sub.inputs()) {
      convertOnDevice(sub, t, true, hostBuffers, options)
          .ifPresent(
              k -> {
                kernels.add(k);
                converted.add(t);
              });
    }
    for (Node node : sub.nodes()) {
      if (node.op() instanceof BufferAlias) {
        aliases.put(node.outputs().get(0), node.inputs().get(0));
        continue;
      }
      KernelSource k = Templates.generate(sub, node, kernelName(node, kernels.size()));
      kernels.add(planned(k, OpKind.of(node.opName()), options, opIndices(node)));
    }
    for (int t : converted) {
      readInHostOrder(kernels, sub, t, hostBuffers.get(t), aliases);
    }
    for (int t : sub.outputs()) {
      // Whatever its size: dropping kernels pays where a conversion kernel would not.
      int host = sub.tensors().size() + hostBuffers.size();
      if (!hostBuffers.containsKey(t) && concatenateInHostOrder(kernels, sub, t, host, aliases)) {
        hostBuffers.put(t, host);
      } else if (!hostBuffers.containsKey(t)) {
        Optional<PlannedKernel> conversion = convertOnDevice(sub, t, false, hostBuffers, options);
        int writer = GpuPlan.lastWriter(kernels, t, aliases);
        if (conversion.isPresent()
            && !writeInHostOrder(kernels, writer, t, hostBuffers.get(t), aliases, sub.outputs())) {
          // Right after the kernel that writes the output, not at the end: a backend can then
          // copy it to the host while the rest of the partition still runs (GpuPlan#readyAfter).
          kernels.add(writer + 1, conversion.get());
        }
      }
    }
    return new GpuPlan(
        sub, kernels, sub.inputs(), sub.outputs(), aliases, hostBuffers, options.halfStorage());
  }

  /**
   * Drops the kernel converting input {@code t} to PHWC4 when a single kernel reads it, only
   * through {@code $READ}: that kernel then gathers each slice from the host buffer {@code host}
   * (BHWC order) itself ({@link KernelSource#readingInHostOrder}), one launch fewer (every
   * MediaPipe model's image input feeds one 3×3 convolution). Else leaves {@code kernels} as they
   * are.
   */
  private static void readInHostOrder(
      List<PlannedKernel> kernels, Graph sub, int t, int host, Map<Integer, Integer> aliases) {
    if (sub.outputs().contains(t) || aliases.containsValue(t)) {
      return;
    }
    List<Integer> reads = readers(kernels, t);
    int conversion = onlyWriter(kernels, t);
    if (reads.size() != 1 || conversion < 0) {
      return;
    }
    int reader = reads.get(0);
    PlannedKernel read = kernels.get(reader);
    Optional<KernelSource> gathering = read.source().readingInHostOrder(t, host);
    if (gathering.isPresent()) {
      kernels.set(reader, new PlannedKernel(gathering.get(), read.workgroup(), read.opIndices()));
      kernels.remove(conversion);
    }
  }

  /**
   * Whether kernel {@code writer}, the only kernel that touches output {@code t}, now writes it to
   * the host buffer {@code host} in BHWC order itself ({@link KernelSource#writingInHostOrder}), so
   * that no kernel converts it after: one launch fewer per such output. An output that is an alias
   * (a RESHAPE view, which keeps BHWC element order) is written the same way by the writer of the
   * tensor it views, in that tensor's shape (face_detection_full_range's regressors). Not when
   * another kernel reads the tensor or another tensor shares its buffer.
   */
  private static boolean writeInHostOrder(
      List<PlannedKernel> kernels,
      int writer,
      int t,
      int host,
      Map<Integer, Integer> aliases,
      List<Integer> outputs) {
    int stored = aliases.getOrDefault(t, t);
    if (writer < 0
        || aliases.containsValue(t)
        || aliases.containsKey(stored)
        || (stored != t && (views(aliases, stored) != 1 || outputs.contains(stored)))
        || onlyWriter(kernels, stored) != writer
        || readers(kernels, stored).stream().anyMatch(k -> k != writer)) {
      return false;
    }
    PlannedKernel w = kernels.get(writer);
    Optional<KernelSource> writing = w.source().writingInHostOrder(stored, host);
    writing.ifPresent(k -> kernels.set(writer, new PlannedKernel(k, w.workgroup(), w.opIndices())));
    return writing.isPresent();
  }

  /**
   * Whether output {@code t}, a CONCATENATION whose inputs are each one contiguous block of it
   * (every dimension before the axis 1) and each written by one kernel (directly or through a
   * RESHAPE that only the concatenation reads), is now written to its host buffer {@code host} by
   * those kernels themselves, each its block in BHWC order at its offset: the RESHAPE and
   * CONCATENATION kernels are dropped (MediaPipe's face detectors end with two such outputs of two
   * RESHAPEd convolutions each: 6 kernels fewer). Else leaves {@code kernels} as they are.
   */
  private static boolean concatenateInHostOrder(
      List<PlannedKernel> kernels, Graph sub, int t, int host, Map<Integer, Integer> aliases) {
    Optional<Node> concat = producer(sub, t);
    if (concat.isEmpty()
        || !(concat.get().op() instanceof Concatenation c)
        || c.activation() != Activation.NONE
        || aliases.containsValue(t)) {
      return false;
    }
    Shape out = sub.tensor(t).shape();
    int axis = c.axis() < 0 ? c.axis() + out.rank() : c.axis();
    for (int d = 0; d < axis; d++) {
      if (out.dim(d) != 1) {
        return false;
      }
    }
    Set<Integer> dropped = new HashSet<>();
    dropped.add(onlyWriter(kernels, t));
    Map<Integer, KernelSource> rewritten = new HashMap<>();
    long offset = 0;
    long total = Phwc4Layout.of(out).elementCount();
    for (int block : concat.get().inputs()) {
      int written = block;
      Optional<Node> reshape = producer(sub, block).filter(n -> n.opName().equals("RESHAPE"));
      if (aliases.containsKey(block)) {
        written = aliases.get(block);
      } else if (reshape.isPresent()) {
        written = reshape.get().inputs().get(0);
        int reshapeKernel = onlyWriter(kernels, block);
        if (reshapeKernel < 0 || readers(kernels, block).size() != 1) {
          return false;
        }
        dropped.add(reshapeKernel);
      }
      int writer = onlyWriter(kernels, written);
      List<Integer> readers = readers(kernels, written);
      readers.addAll(readers(kernels, block));
      readers.removeAll(dropped);
      if (writer < 0
          || dropped.contains(writer)
          || rewritten.containsKey(writer)
          || !readers.isEmpty()
          || sub.outputs().contains(block)
          || sub.outputs().contains(written)
          || aliases.containsKey(written)
          || views(aliases, written) != (aliases.containsKey(block) ? 1 : 0)) {
        return false;
      }
      Optional<KernelSource> writing =
          kernels.get(writer).source().writingInHostOrder(written, host, offset, total);
      if (writing.isEmpty()) {
        return false;
      }
      rewritten.put(writer, writing.get());
      offset += Phwc4Layout.of(sub.tensor(block).shape()).elementCount();
    }
    if (dropped.contains(-1) || offset != total) {
      return false;
    }
    rewritten.forEach(
        (k, source) -> {
          PlannedKernel w = kernels.get(k);
          kernels.set(k, new PlannedKernel(source, w.workgroup(), w.opIndices()));
        });
    dropped.stream().sorted(Comparator.reverseOrder()).forEach(k -> kernels.remove((int) k));
    return true;
  }

  /** How many aliases view {@code tensor}'s buffer directly. */
  private static long views(Map<Integer, Integer> aliases, int tensor) {
    return aliases.values().stream().filter(v -> v == tensor).count();
  }

  /** The node writing {@code tensor}, if a node does. */
  private static Optional<Node> producer(Graph graph, int tensor) {
    return graph.nodes().stream().filter(n -> n.outputs().contains(tensor)).findFirst();
  }

  /** The one kernel writing {@code tensor}; -1 when none or several do. */
  private static int onlyWriter(List<PlannedKernel> kernels, int tensor) {
    int found = -1;
    for (int k = 0; k < kernels.size(); k++) {
      if (kernels.get(k).source().output().tensor() == tensor) {
        if (found >= 0) {
          return -1;
        }
        found = k;
      }
    }
    return found;
  }

  /** The kernels reading {@code tensor}, once per argument that reads it. */
  private static List<Integer> readers(List<PlannedKernel> kernels, int tensor) {
    List<Integer> found = new ArrayList<>();
    for (int k = 0; k < kernels.size(); k++) {
      for (KernelArg a : kernels.get(k).source().args()) {
        if (a instanceof TensorArg arg && !arg.output() && arg.tensor() == tensor) {
          found.add(k);
        }
      }
    }
    return found;
  }

  /**
   * The kernel converting boundary tensor {@code t} between its host buffer (a new id past the
   * graph's tensors, recorded in {@code hostBuffers}) and PHWC4: BHWC → PHWC4 for an input, back
   * for an output; empty when {@code t} is converted on the host.
   */
  private static Optional<PlannedKernel> convertOnDevice(
      Graph sub, int t, boolean input, Map<Integer, Integer> hostBuffers, Options options) {
    Phwc4Layout l = Phwc4Layout.of(sub.tensor(t).shape());
    if (!convertsOnDevice(l, options)) {
      return Optional.empty();
    }
    int host = sub.tensors().size() + hostBuffers.size();
    hostBuffers.put(t, host);
    String name = (input ? "in" : "out") + hostBuffers.size();
    KernelSource k =
        input
            ? LayoutConversion.toPhwc4(name + "_to_phwc4", host, t, l)
            : LayoutConversion.toBhwc(name + "_to_bhwc", t, l, host);
    return Optional.of(planned(k, OpKind.DATA_MOVEMENT, options, List.of()));
  }

  private static PlannedKernel planned(
      KernelSource k, OpKind kind, Options options, List<Integer> ops) {
    // A kernel whose items cooperate through shared memory keeps its own workgroup.
    Grid workgroup = k.fixedWorkgroup().orElseGet(() -> options.workgroups().choose(kind, k));
    return new PlannedKernel(k, workgroup, ops);
  }

  private static boolean convertsOnDevice(Phwc4Layout l, Options options) {
    // Half storage: the host writes and reads 32-bit floats, so the device converts every one.
    return options.halfStorage()
        || (!l.sameAsBhwc() && l.elementCount() >= options.deviceConversionFrom());
  }

  private static String kernelName(Node node, int position) {
    return "k"
        + position
        + "_"
        + node.opName().toLowerCase(java.util.Locale.ROOT).replace("custom:", "");
  }

  /** The model ops a kernel computes: a merged producer first, then the node's, then fused. */
  private static List<Integer> opIndices(Node node) {
    List<Integer> all = new ArrayList<>();
    Op main = node.op() instanceof FusedOp f ? f.main() : node.op();
    if (main instanceof MergedProducer pair) {
      all.add(pair.producerIndex());
    }
    all.add(node.index());
    if (node.op() instanceof FusedOp f) {
      all.addAll(f.fusedOpIndices());
    }
    return all;
  }
}
