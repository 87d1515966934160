package io.jlite.opencl;

import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.Precision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Options of an {@link OpenClDelegate}, like TFLite's {@code GpuDelegate.Options}. Immutable; the
 * {@code with…} methods return changed copies.
 *
 * @param device the device to use (an index or part of its name, see {@link OpenClDevices}); empty:
 *     {@code JLITE_OPENCL_DEVICE}, else the first GPU, else the first device
 * @param precision how tensors are stored on the device ({@link Precision#FP16}: 16-bit storage,
 *     32-bit arithmetic)
 * @param programCache where compiled programs are kept between runs; empty: compile on every start
 * @param fallbackToCpu when the GPU cannot run (no device, a build error, out of memory), log a
 *     warning and run on the reference CPU instead of throwing {@link
 *     io.jlite.GpuUnavailableException}
 * @param memory how intermediate tensors share device buffers (shared objects; {@code NAIVE}: one
 *     buffer per tensor)
 * @param autotune time candidate workgroup sizes of every kernel on the device and use the fastest
 *     (gpu-common's {@link io.jlite.gpu.workgroup.WorkgroupTuner}); winners are kept in {@code
 *     programCache/workgroups}, so only the first start pays. Off: gpu-common's table and heuristic
 * @param profiling time every kernel on the device (OpenCL profiling events) and report the times
 *     through {@link OpenClDelegate#kernelTimes()}; costs some host time per launch, off by default
 * @param deviceSpans record how long each partition run kept the device busy, from the start of its
 *     first kernel to the end of its last ({@link RunStats#deviceSpanNanos()}): profiling events on
 *     those two launches only, no waits in between, so unlike {@code profiling} it measures the
 *     kernels as they run in the stream; off by default
 * @param l2Prefetch on NVIDIA devices, start every kernel by prefetching its constant buffers
 *     (weights) into the L2 cache ({@link io.jlite.gpu.kernel.OpenClGenerator#withL2Prefetch}); on
 *     by default, ignored on other devices (their compilers do not take the inline PTX)
 * @param packedConstants pass each kernel's weights and biases as one buffer argument ({@link
 *     io.jlite.gpu.kernel.OpenClGenerator#withPackedConstants}): on by default, because NVIDIA's
 *     driver takes more host time per launch the more buffer arguments a kernel has (heavy's host
 *     enqueue per run 1.10–1.30 → 0.71–1.03 ms on the H200); it also made heavy's fused depthwise +
 *     1×1 kernels ~8 % slower on that GPU, so where the host is idle and the GPU the bottleneck
 *     {@code withPackedConstants(false)} can be faster (bench/RESULTS.md)
 * @param fusedMultiplyAdd let the OpenCL compiler fuse {@code a·b + c} into one fused multiply-add
 *     ({@link io.jlite.gpu.kernel.OpenClGenerator#withFusedMultiplyAdd}), rounding once where the
 *     reference rounds twice, as TFLite's own CPU and GPU kernels do where the hardware has them:
 *     on by default, since every model ran as fast or faster with it on an H200
 *     (pose_landmark_heavy up to 4 %) and its outputs stayed as close to TFLite's; off, fp32
 *     results keep the reference's rounding of each product and sum (heavy's largest difference
 *     from the reference 0.0036 instead of 0.0079; bench/RESULTS.md)
 * @param halfWeights store a kernel's constant buffer in 16-bit floats when every value in it is
 *     exact in 16 bits ({@link io.jlite.gpu.kernel.OpenClGenerator#withHalfWeights}), as the
 *     weights of models converted with fp16 weights are (every MediaPipe model of the manifest):
 *     the kernels read them into 32-bit vec4s, so outputs do not change by a bit, and the weights
 *     take half the device memory (pose_landmark_heavy's 55 MB become 27.5 MB, which fits an H100's
 *     50 MB L2 beside its activations).
 * @param launchBatch 0 (the default): each launch goes to the driver as it is queued; {@code n >
 *     0}: after the first {@code n} launches of a run, each further {@code n} are queued behind a
 *     user event that is completed once the next {@code n} are queued (and after the last), so the
 *     driver takes them {@code n} at a time while the device runs the batch before. Why try it:
 *     NVIDIA's driver took about half the host time per launch with the run held behind a user
 *     event (heavy 0.57–0.65 ms of enqueue against 1.2–1.4 ms while the device ran, on an H200),
 *     and on some hosts heavy's launches, not its kernels, set the pace. Not timed yet
 *     (bench/RESULTS.md); ignored while {@code profiling}, whose waits a held batch would block
 */
public record OpenClOptions(
    Optional<String> device,
    Precision precision,
    Optional<Path> programCache,
    boolean fallbackToCpu,
    MemoryStrategy memory,
    boolean autotune,
    boolean profiling,
    boolean deviceSpans,
    boolean l2Prefetch,
    boolean packedConstants,
    boolean fusedMultiplyAdd,
    boolean halfWeights,
    int launchBatch) {

  public OpenClOptions {
    if (launchBatch < 0) {
      throw new IllegalArgumentException("launchBatch must be 0 (off) or positive: " + launchBatch);
    }
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(programCache, "programCache");
    Objects.requireNonNull(memory, "memory");
  }

  /**
   * Default device, fp32, the default program cache directory, no CPU fallback, {@link
   * MemoryStrategy#deviceDefault()}, no autotuning, no profiling, no device spans, L2 prefetch
   * where the device takes it, packed constants, fused multiply-adds, 32-bit weights, every launch
   * submitted as it is queued.
   */
  public static OpenClOptions defaults() {
    return new OpenClOptions(
        Optional.empty(),
        Precision.FP32,
        Optional.of(ProgramCache.defaultDirectory()),
        false,
        MemoryStrategy.deviceDefault(),
        false,
        false,
        false,
        true,
        true,
        true,
        false,
        0);
  }

  public OpenClOptions withDevice(String spec) {
    return with(c -> c.device = Optional.of(spec));
  }

  public OpenClOptions withPrecision(Precision p) {
    return with(c -> c.precision = p);
  }

  public OpenClOptions withProgramCache(Path directory) {
    return with(c -> c.programCache = Optional.of(directory));
  }

  public OpenClOptions withoutProgramCache() {
    return with(c -> c.programCache = Optional.empty());
  }

  public OpenClOptions withFallbackToCpu(boolean fallback) {
    return with(c -> c.fallbackToCpu = fallback);
  }

  public OpenClOptions withMemory(MemoryStrategy strategy) {
    return with(c -> c.memory = strategy);
  }

  public OpenClOptions withAutotune(boolean tune) {
    return with(c -> c.autotune = tune);
  }

  public OpenClOptions withProfiling(boolean on) {
    return with(c -> c.profiling = on);
  }

  public OpenClOptions withDeviceSpans(boolean on) {
    return with(c -> c.deviceSpans = on);
  }

  public OpenClOptions withL2Prefetch(boolean on) {
    return with(c -> c.l2Prefetch = on);
  }

  public OpenClOptions withPackedConstants(boolean on) {
    return with(c -> c.packedConstants = on);
  }

  public OpenClOptions withFusedMultiplyAdd(boolean on) {
    return with(c -> c.fusedMultiplyAdd = on);
  }

  public OpenClOptions withHalfWeights(boolean on) {
    return with(c -> c.halfWeights = on);
  }

  public OpenClOptions withLaunchBatch(int launches) {
    return with(c -> c.launchBatch = launches);
  }

  /** A copy with the fields {@code change} sets: each wither names only its own field. */
  private OpenClOptions with(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new OpenClOptions(
        f.device,
        f.precision,
        f.programCache,
        f.fallbackToCpu,
        f.memory,
        f.autotune,
        f.profiling,
        f.deviceSpans,
        f.l2Prefetch,
        f.packedConstants,
        f.fusedMultiplyAdd,
        f.halfWeights,
        f.launchBatch);
  }

  /** The record's fields, settable, for {@link #with}. */
  private static final class Fields {
    Optional<String> device;
    Precision precision;
    Optional<Path> programCache;
    boolean fallbackToCpu;
    MemoryStrategy memory;
    boolean autotune;
    boolean profiling;
    boolean deviceSpans;
    boolean l2Prefetch;
    boolean packedConstants;
    boolean fusedMultiplyAdd;
    boolean halfWeights;
    int launchBatch;

    Fields(OpenClOptions o) {
      device = o.device;
      precision = o.precision;
      programCache = o.programCache;
      fallbackToCpu = o.fallbackToCpu;
      memory = o.memory;
      autotune = o.autotune;
      profiling = o.profiling;
      deviceSpans = o.deviceSpans;
      l2Prefetch = o.l2Prefetch;
      packedConstants = o.packedConstants;
      fusedMultiplyAdd = o.fusedMultiplyAdd;
      halfWeights = o.halfWeights;
      launchBatch = o.launchBatch;
    }
  }
}
