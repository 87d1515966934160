package io.jlite.gpu.plan;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The device buffers of one planned partition, for any backend: one buffer per tensor the kernels
 * touch (tensors aliased by the plan share one), one per constant the generator did not inline
 * (filled once), and the host side of a run: inputs uploaded BHWC → PHWC4, outputs downloaded PHWC4
 * → BHWC. A backend supplies the {@link Device} operations and binds {@link #of} to its kernels'
 * parameters.
 *
 * @param <B> the backend's buffer type
 */
public final class PlanBuffers<B extends AutoCloseable> implements AutoCloseable {
  /** What a backend does with its buffers. */
  public interface Device<B> {
    /** A new buffer of {@code bytes} bytes named {@code label} (for messages). */
    B allocate(String label, long bytes);

    /** Copies {@code data} to the start of {@code buffer}. */
    void write(B buffer, float[] data);

    /**
     * Copies the start of {@code buffer} into {@code data} once the kernels writing it finished.
     */
    void read(B buffer, float[] data);
  }

  private final GpuPlan plan;
  private final Device<B> device;
  private final Map<Integer, B> tensors = new HashMap<>();
  private final List<B> constants = new ArrayList<>();

  /** Allocates the buffers of the partition's inputs and outputs. */
  public PlanBuffers(GpuPlan plan, Device<B> device) {
    this.plan = plan;
    this.device = device;
    try {
      // A partition of RESHAPEs alone has no kernel; its outputs alias its inputs' buffers.
      plan.inputs().forEach(this::tensor);
      plan.outputs().forEach(this::tensor);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The buffer to bind for a kernel parameter (a constant's is allocated and filled here). */
  public B of(KernelArg parameter) {
    if (parameter instanceof TensorArg t) {
      return tensor(t.tensor());
    }
    ConstArg c = (ConstArg) parameter;
    B buffer = device.allocate(c.name(), (long) c.length() * Float.BYTES);
    constants.add(buffer);
    device.write(buffer, c.toArray());
    return buffer;
  }

  /** The buffer holding {@code tensor} (shared with the tensors it aliases), allocated once. */
  private B tensor(int tensor) {
    int storage = plan.storage(tensor);
    B buffer = tensors.get(storage);
    if (buffer == null) {
      TensorSpec spec = plan.graph().tensor(storage);
      buffer = device.allocate(spec.name(), plan.layout(storage).byteSize(Float.BYTES));
      tensors.put(storage, buffer);
    }
    return buffer;
  }

  /** Uploads the partition's inputs from {@code values} (indexed by tensor). */
  public void upload(NdArray[] values) {
    for (int t : plan.inputs()) {
      device.write(tensors.get(plan.storage(t)), plan.layout(t).fromBhwc(values[t].floats()));
    }
  }

  /** Downloads the partition's outputs into {@code values} (indexed by tensor). */
  public void download(NdArray[] values) {
    for (int t : plan.outputs()) {
      Phwc4Layout layout = plan.layout(t);
      float[] phwc4 = new float[Math.toIntExact(layout.floatCount())];
      device.read(tensors.get(plan.storage(t)), phwc4);
      TensorSpec spec = plan.graph().tensor(t);
      values[t] = NdArray.ofFloats(spec.type(), spec.shape(), layout.toBhwc(phwc4));
    }
  }

  /** Releases every buffer; closing twice is harmless. */
  @Override
  public void close() {
    List<B> all = new ArrayList<>(tensors.values());
    all.addAll(constants);
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
