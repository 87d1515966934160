package io.jlite.gpu.fault;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gpu.plan.CpuPartition;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a GPU delegate meets driver failures, the same for every backend. One instance per delegate.
 *
 * <ul>
 *   <li>Opening the device fails (no driver, no device): without fallback a {@link
 *       GpuUnavailableException}; with fallback a warning and no device, so every op runs on the
 *       CPU.
 *   <li>Preparing a partition fails (a kernel the driver will not build, out of memory): without
 *       fallback a {@link GpuFaultException}; with fallback a warning and that partition runs on
 *       the CPU ({@link CpuPartition}).
 *   <li>Running a partition fails (out of memory, device lost, any driver error): without fallback
 *       a {@link GpuFaultException}, and the partition stays as it was, so the next run tries the
 *       GPU again (a transient failure recovers; a lost device keeps failing the same way). With
 *       fallback, one warning, the partition's device memory is released and the run completes on
 *       the CPU; from then on every partition of this delegate runs on the CPU and the delegate
 *       claims nothing, since a device that failed once is not trusted again.
 * </ul>
 */
public final class GpuFallback {
  private final String backend;
  private final boolean enabled;
  private final System.Logger log;
  private int gpuPartitions;
  private int cpuPartitions;
  private Optional<GpuFaultException> runFault = Optional.empty();

  /**
   * @param backend the backend's name in messages, e.g. {@code "OpenCL"}
   * @param fallbackToCpu whether failures fall back to the CPU rather than throw
   * @param log where the warnings go (the delegate's logger)
   */
  public GpuFallback(String backend, boolean fallbackToCpu, System.Logger log) {
    this.backend = backend;
    this.enabled = fallbackToCpu;
    this.log = log;
  }

  /**
   * The device {@code open} opens; empty, after a warning, when there is none and fallback is on.
   *
   * @throws GpuUnavailableException when there is none and fallback is off
   */
  public <D> Optional<D> openDevice(Supplier<D> open) {
    try {
      return Optional.of(open.get());
    } catch (GpuUnavailableException e) {
      if (!enabled) {
        throw e;
      }
      log.log(Level.WARNING, backend + " unavailable, running on the CPU: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Prepares {@code partition} with {@code gpu}; the kernel returned handles run-time failures as
   * described above.
   *
   * @throws GpuFaultException when preparing fails and fallback is off
   */
  public Delegate.Kernel prepare(
      Graph graph, List<Node> partition, Supplier<? extends Delegate.Kernel> gpu) {
    List<Integer> ops = partition.stream().map(Node::index).toList();
    if (runFault.isPresent()) {
      cpuPartitions++;
      return new CpuPartition(graph, partition);
    }
    try {
      Delegate.Kernel kernel = gpu.get();
      gpuPartitions++;
      return new GuardedKernel(this, graph, partition, kernel);
    } catch (GpuUnavailableException e) {
      String where = graph.source() + ": " + backend + " cannot run ops " + ops;
      if (!enabled) {
        throw new GpuFaultException(where + ": " + e.getMessage(), backend, ops, e);
      }
      log.log(Level.WARNING, where + ", they run on the CPU: " + e.getMessage());
      cpuPartitions++;
      return new CpuPartition(graph, partition);
    }
  }

  /** Whether the delegate should claim ops: false once a run failed and fell back to the CPU. */
  public boolean active() {
    return runFault.isEmpty();
  }

  /** Partitions prepared on the GPU. */
  public int gpuPartitions() {
    return gpuPartitions;
  }

  /** Partitions that run on the CPU because the GPU failed to prepare them (or had failed). */
  public int cpuFallbackPartitions() {
    return cpuPartitions;
  }

  /** The run-time failure that switched this delegate to the CPU; empty while the GPU runs. */
  public Optional<GpuFaultException> runFault() {
    return runFault;
  }

  /**
   * A partition's run failed: the exception to throw (fallback off), or empty after switching the
   * delegate to the CPU (fallback on; the caller then runs on the CPU).
   */
  Optional<GpuFaultException> runFailed(
      Graph graph, List<Node> partition, GpuUnavailableException e) {
    List<Integer> ops = partition.stream().map(Node::index).toList();
    GpuFaultException fault =
        new GpuFaultException(
            graph.source() + ": " + backend + " failed running ops " + ops + ": " + e.getMessage(),
            backend,
            ops,
            e);
    if (!enabled) {
      return Optional.of(fault);
    }
    if (runFault.isEmpty()) {
      runFault = Optional.of(fault);
      log.log(
          Level.WARNING,
          fault.getMessage() + "; this and every later run of this delegate's ops use the CPU");
    }
    return Optional.empty();
  }

  /** Releases a GPU kernel being abandoned; the device may be gone, so failures are only logged. */
  void release(Delegate.Kernel kernel) {
    try {
      kernel.close();
    } catch (RuntimeException e) {
      log.log(Level.DEBUG, backend + ": releasing a failed partition failed too: " + e);
    }
  }
}
