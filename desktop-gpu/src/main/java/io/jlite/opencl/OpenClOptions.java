package io.jlite.opencl;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of an {@link OpenClDelegate}, like TFLite's {@code GpuDelegate.Options}. Immutable; the
 * {@code with…} methods return changed copies.
 *
 * @param device the device to use (an index or part of its name, see {@link OpenClDevices}); empty:
 *     {@code JLITE_OPENCL_DEVICE}, else the first GPU, else the first device
 * @param precision the precision asked for; {@link OpenClDelegate#precision()} reports the one used
 * @param programCache where compiled programs are kept between runs; empty: compile on every start
 * @param fallbackToCpu when the GPU cannot run (no device, a build error, out of memory), log a
 *     warning and run on the reference CPU instead of throwing {@link
 *     io.jlite.GpuUnavailableException}
 * @param autotune time candidate workgroup sizes of every kernel on the device and use the fastest
 *     (gpu-common's {@link io.jlite.gpu.workgroup.WorkgroupTuner}); winners are kept in {@code
 *     programCache/workgroups}, so only the first start pays. Off: gpu-common's table and heuristic
 */
public record OpenClOptions(
    Optional<String> device,
    Precision precision,
    Optional<Path> programCache,
    boolean fallbackToCpu,
    boolean autotune) {

  /** Storage and arithmetic precision of tensors on the device. */
  public enum Precision {
    /** 32-bit floats throughout: results within the fp32 tolerances of the reference. */
    FP32,
    /** 16-bit floats where the device supports {@code cl_khr_fp16}: faster, less exact. */
    FP16
  }

  public OpenClOptions {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(programCache, "programCache");
  }

  /** Default device, fp32, the default program cache directory, no CPU fallback, no autotuning. */
  public static OpenClOptions defaults() {
    return new OpenClOptions(
        Optional.empty(),
        Precision.FP32,
        Optional.of(ProgramCache.defaultDirectory()),
        false,
        false);
  }

  public OpenClOptions withDevice(String spec) {
    return new OpenClOptions(Optional.of(spec), precision, programCache, fallbackToCpu, autotune);
  }

  public OpenClOptions withPrecision(Precision p) {
    return new OpenClOptions(device, p, programCache, fallbackToCpu, autotune);
  }

  public OpenClOptions withProgramCache(Path directory) {
    return new OpenClOptions(device, precision, Optional.of(directory), fallbackToCpu, autotune);
  }

  public OpenClOptions withoutProgramCache() {
    return new OpenClOptions(device, precision, Optional.empty(), fallbackToCpu, autotune);
  }

  public OpenClOptions withFallbackToCpu(boolean fallback) {
    return new OpenClOptions(device, precision, programCache, fallback, autotune);
  }

  public OpenClOptions withAutotune(boolean tune) {
    return new OpenClOptions(device, precision, programCache, fallbackToCpu, tune);
  }
}
