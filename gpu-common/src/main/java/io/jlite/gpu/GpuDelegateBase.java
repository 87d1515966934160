package io.jlite.gpu;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gpu.fault.GpuFallback;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.workgroup.WorkgroupTuner;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the GPU delegates (OpenCL, OpenGL ES) share: opening the device with the CPU as the way out
 * when asked, meeting driver failures the same way ({@link GpuFallback}), and the counters an app
 * or a benchmark reads from both.
 */
public abstract class GpuDelegateBase implements Delegate {
  private final String backend;
  private final boolean fallbackToCpu;
  private final System.Logger log;
  private final GpuFallback fallback;

  /**
   * @param backend the backend's name in messages, e.g. {@code "OpenCL"}
   * @param fallbackToCpu whether a missing device and driver failures fall back to the CPU rather
   *     than throw
   * @param log where the warnings go (the delegate's logger)
   */
  protected GpuDelegateBase(String backend, boolean fallbackToCpu, System.Logger log) {
    this.backend = backend;
    this.fallbackToCpu = fallbackToCpu;
    this.log = log;
    this.fallback = new GpuFallback(backend, fallbackToCpu, log);
  }

  /**
   * The device {@code open} opens; empty, after a warning, when there is none and fallback is on.
   *
   * @throws GpuUnavailableException when there is none and fallback is off
   */
  protected final <D> Optional<D> openDevice(Supplier<D> open) {
    try {
      return Optional.of(open.get());
    } catch (GpuUnavailableException e) {
      if (!fallbackToCpu) {
        throw e;
      }
      log.log(Level.WARNING, backend + " unavailable, running on the CPU: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** How this delegate meets driver failures while preparing and running partitions. */
  protected final GpuFallback fallback() {
    return fallback;
  }

  /** The workgroup tuner, with autotune on a device; else empty. */
  protected abstract Optional<WorkgroupTuner> tuner();

  /** Kernels whose workgroup was timed on the device so far (0 without autotune). */
  public int kernelsTuned() {
    return tuner().map(WorkgroupTuner::kernelsTuned).orElse(0);
  }

  /** Tuned workgroups read from the tuning cache so far (0 without autotune). */
  public int workgroupsFromDisk() {
    return tuner().map(WorkgroupTuner::winnersFromDisk).orElse(0);
  }

  /** Partitions prepared on the GPU. */
  public int gpuPartitions() {
    return fallback.gpuPartitions();
  }

  /** Partitions that fell back to the CPU after the GPU failed to prepare them. */
  public int cpuFallbackPartitions() {
    return fallback.cpuFallbackPartitions();
  }

  /** The failed run that switched this delegate to the CPU (fallback on); empty while it runs. */
  public Optional<GpuFaultException> runFault() {
    return fallback.runFault();
  }
}
