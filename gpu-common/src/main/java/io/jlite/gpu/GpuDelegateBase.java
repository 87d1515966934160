package io.jlite.gpu;

import io.jlite.Delegate;
import io.jlite.gpu.fault.GpuFallback;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.workgroup.WorkgroupTuner;
import java.util.Optional;

/**
 * What the GPU delegates (OpenCL, OpenGL ES) share: opening the device with the CPU as the way out
 * when asked, meeting driver failures the same way ({@link GpuFallback}), and the counters an app
 * or a benchmark reads from both.
 */
public abstract class GpuDelegateBase implements Delegate {
  private final GpuFallback fallback;

  /**
   * @param backend the backend's name in messages, e.g. {@code "OpenCL"}
   * @param fallbackToCpu whether a missing device and driver failures fall back to the CPU rather
   *     than throw
   * @param log where the warnings go (the delegate's logger)
   */
  protected GpuDelegateBase(String backend, boolean fallbackToCpu, System.Logger log) {
    this.fallback = new GpuFallback(backend, fallbackToCpu, log);
  }

  /** How this delegate meets driver failures: opening the device, preparing, running. */
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
