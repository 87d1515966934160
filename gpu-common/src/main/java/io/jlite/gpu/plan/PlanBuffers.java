package io.jlite.gpu.plan;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.memory.ObjectAssignment;
import io.jlite.gpu.memory.TensorUsage;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The device buffers of one planned partition, for any backend: one buffer per tensor the kernels
 * touch (tensors aliased by the plan share one), one per constant the generator did not inline
 * (filled once), and the host side of a run: inputs uploaded and outputs downloaded, converted
 * between BHWC and PHWC4 on the host unless the plan does it on the device. A backend supplies
 * {@link Device#allocate} (its buffers are {@link DeviceBuffer}s) and binds {@link #of} to its
 * kernels' parameters.
 *
 * @param <B> the backend's buffer type
 */
public final class PlanBuffers<B extends DeviceBuffer> implements AutoCloseable {
  /** How a backend makes its buffers. */
  @FunctionalInterface
  public interface Device<B> {
    /** A new buffer of {@code bytes} bytes named {@code label} (for messages). */
    B allocate(String label, long bytes);
  }

  private final GpuPlan plan;
  private final Device<B> device;
  private final Set<Integer> elsewhere;
  private final Map<Integer, B> tensors = new HashMap<>();
  private final List<B> objects = new ArrayList<>();
  private final List<B> constants = new ArrayList<>();
  // Outputs whose download this run started, in that order.
  private final Set<Integer> started = new LinkedHashSet<>();
  private long tensorBytes;
  private long constantBytes;

  /** One buffer per tensor (the NAIVE plan); the partition's inputs and outputs allocated now. */
  public PlanBuffers(GpuPlan plan, Device<B> device) {
    this(plan, device, Optional.empty());
  }

  /**
   * Buffers shared by tensors whose lifetimes do not overlap, as {@code strategy} assigns them
   * (shared objects over {@link GpuPlan#tensorUsages}: kernels run in plan order, so a buffer is
   * reused only after every kernel reading its previous tensor); every buffer is allocated now.
   * Empty: one buffer per tensor.
   */
  public PlanBuffers(GpuPlan plan, Device<B> device, Optional<MemoryStrategy> strategy) {
    this(plan, device, strategy, Set.of());
  }

  /**
   * As {@link #PlanBuffers(GpuPlan, Device, Optional)}, but without buffers for the tensors (buffer
   * ids, {@link GpuPlan#storage}) in {@code elsewhere}: the backend stores those itself (GLES keeps
   * some in image textures), and they must not be ones the host copies.
   *
   * @throws IllegalArgumentException when {@code elsewhere} holds a tensor the host copies
   */
  public PlanBuffers(
      GpuPlan plan, Device<B> device, Optional<MemoryStrategy> strategy, Set<Integer> elsewhere) {
    this.plan = plan;
    this.device = device;
    this.elsewhere = Set.copyOf(elsewhere);
    try {
      strategy.ifPresent(this::allocateShared);
      // A partition of RESHAPEs alone has no kernel; its outputs alias its inputs' buffers.
      plan.inputs().forEach(t -> tensor(plan.hostSide(t)));
      plan.outputs().forEach(t -> tensor(plan.hostSide(t)));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void allocateShared(MemoryStrategy strategy) {
    List<TensorUsage> usages = plan.deviceUsages(t -> !elsewhere.contains(t));
    ObjectAssignment assignment = strategy.assignObjects(usages);
    assignment.check(usages);
    for (int o = 0; o < assignment.objectSizes().size(); o++) {
      long bytes = assignment.objectSizes().get(o);
      objects.add(device.allocate("shared object " + o, bytes));
      tensorBytes += bytes;
    }
    for (TensorUsage u : usages) {
      tensors.put(u.tensor(), objects.get(assignment.objectOf().get(u.id())));
    }
  }

  /** Bytes of the tensor buffers (shared objects, or one per tensor), constants not included. */
  public long tensorBytes() {
    return tensorBytes;
  }

  /**
   * Bytes of the constant buffers (weights, biases) allocated so far through {@link #of}; a
   * constant the generator stores in 16 bits ({@link ConstArg#half}) takes two bytes a value.
   */
  public long constantBytes() {
    return constantBytes;
  }

  /** The buffer to bind for a kernel parameter (a constant's is allocated and filled here). */
  public B of(KernelArg parameter) {
    if (parameter instanceof TensorArg t) {
      return tensor(t.tensor());
    }
    ConstArg c = (ConstArg) parameter;
    B buffer = device.allocate(c.name(), c.deviceBytes());
    constants.add(buffer);
    constantBytes += c.deviceBytes();
    if (c.half()) {
      buffer.write(c.halfBits());
    } else {
      buffer.write(c.toArray());
    }
    return buffer;
  }

  /** The buffer holding {@code tensor} (shared with the tensors it aliases), allocated once. */
  private B tensor(int tensor) {
    int storage = plan.storage(tensor);
    if (elsewhere.contains(storage)) {
      throw new IllegalArgumentException(
          "tensor '" + plan.label(storage) + "' is stored by the backend, not in a buffer");
    }
    B buffer = tensors.get(storage);
    if (buffer == null) {
      long bytes = plan.bufferBytes(storage);
      buffer = device.allocate(plan.label(storage), bytes);
      tensorBytes += bytes;
      tensors.put(storage, buffer);
    }
    return buffer;
  }

  /** Uploads the partition's inputs from {@code values} (indexed by tensor). */
  public void upload(NdArray[] values) {
    // A run that failed before its download left copies started: this run starts its own.
    started.clear();
    for (int t : plan.inputs()) {
      tensors.get(plan.hostSide(t)).write(plan.toDevice(t, values[t].floats()));
    }
  }

  /**
   * Starts copying output {@code tensor} to the host ({@link DeviceBuffer#startEarlyDownload})
   * without waiting, once the kernel that last writes it ({@link GpuPlan#readyAfter}) is enqueued:
   * a backend that stages copies can then move it while the partition's later kernels run. {@link
   * #download} takes it.
   */
  public void startEarlyDownload(int tensor) {
    if (started.add(tensor)) {
      tensors.get(plan.hostSide(tensor)).startEarlyDownload(plan.deviceFloats(tensor));
    }
  }

  /**
   * Downloads the partition's outputs into {@code values} (indexed by tensor): those {@link
   * #startEarlyDownload started early} first, in that order, after starting the others.
   */
  public void download(NdArray[] values) {
    // Every copy is started before the first is waited for: one wait per run, not per output. The
    // arrays are allocated while the device is still running too: for large outputs that took
    // 40-100 µs on the H200 (more when it triggers a collection).
    for (int t : plan.outputs()) {
      if (started.add(t)) {
        tensors.get(plan.hostSide(t)).startDownload(plan.deviceFloats(t));
      }
    }
    List<Integer> outputs = List.copyOf(started);
    started.clear();
    float[][] read = new float[outputs.size()][];
    for (int i = 0; i < outputs.size(); i++) {
      read[i] = new float[plan.deviceFloats(outputs.get(i))];
    }
    for (int i = 0; i < outputs.size(); i++) {
      int t = outputs.get(i);
      tensors.get(plan.hostSide(t)).download(read[i]);
      TensorSpec spec = plan.graph().tensor(t);
      values[t] = NdArray.ofFloats(spec.type(), spec.shape(), plan.toHost(t, read[i]));
    }
  }

  /** Releases every buffer; closing twice is harmless. */
  @Override
  public void close() {
    // Shared objects serve several tensors: release each buffer once.
    Set<B> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(objects);
    all.addAll(tensors.values());
    all.addAll(constants);
    objects.clear();
    tensors.clear();
    constants.clear();
    RuntimeException failure = null;
    for (B buffer : all) {
      try {
        buffer.close();
      } catch (Exception e) {
        // Keep releasing the others; report the first failure.
        if (failure == null) {
          failure = new IllegalStateException("releasing " + buffer + " failed", e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
