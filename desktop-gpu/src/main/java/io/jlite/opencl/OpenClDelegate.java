package io.jlite.opencl;

import io.jlite.GpuUnavailableException;
import io.jlite.gpu.GpuDelegateBase;
import io.jlite.gpu.fault.DriverFaults;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.Precision;
import io.jlite.gpu.workgroup.WorkgroupChooser;
import io.jlite.gpu.workgroup.WorkgroupTuner;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs the ops {@code gpu-common} has templates for on an OpenCL device, like TFLite's {@code
 * GpuDelegate}; the interpreter runs the rest on the reference CPU.
 *
 * <pre>{@code
 * try (OpenClDelegate gpu = new OpenClDelegate();
 *     Interpreter interpreter =
 *         new Interpreter(modelFile, new Interpreter.Options().addDelegate(gpu))) {
 *   interpreter.run(input, output);
 * }
 * }</pre>
 *
 * <p>Construction opens the device; without one it throws {@link GpuUnavailableException}, unless
 * {@link OpenClOptions#fallbackToCpu()} asked for a warning and CPU execution instead (the delegate
 * then claims nothing). A partition that fails to prepare (a build error, out of memory) likewise
 * throws, or with fallback runs on the CPU.
 */
public final class OpenClDelegate extends GpuDelegateBase {
  private static final System.Logger LOG = System.getLogger(OpenClDelegate.class.getName());

  private final OpenClOptions options;
  private final Optional<OpenClRuntime> runtime;
  private final Optional<WorkgroupChooser> workgroups;
  private final Optional<WorkgroupTuner> tuner;
  private RunStats stats = RunStats.NONE;
  private int kernelsPrepared;
  private long constantBytesPrepared;
  private final List<OpenClPartition> partitions = new ArrayList<>();

  /** A delegate with {@link OpenClOptions#defaults()}. */
  public OpenClDelegate() {
    this(OpenClOptions.defaults());
  }

  /**
   * Opens the device {@code options} select.
   *
   * @throws GpuUnavailableException when no usable OpenCL device exists and fallback is off
   */
  public OpenClDelegate(OpenClOptions options) {
    super("OpenCL", options.fallbackToCpu(), LOG);
    this.options = options;
    this.runtime =
        fallback()
            .openDevice(
                () ->
                    OpenClRuntime.open(
                        options.device(),
                        options.programCache().map(ProgramCache::new),
                        options.profiling() || options.deviceSpans()));
    this.tuner =
        options.autotune()
            ? runtime.map(
                rt ->
                    ClWorkgroups.tuner(
                        rt,
                        generator(options, rt.device()),
                        buildOptions(),
                        options.programCache()))
            : Optional.empty();
    this.workgroups =
        tuner.<WorkgroupChooser>map(t -> t).or(() -> runtime.map(ClWorkgroups::heuristic));
  }

  @Override
  public String name() {
    return "opencl";
  }

  /** The device in use; empty when the delegate fell back to the CPU. */
  public Optional<DeviceInfo> device() {
    return runtime.map(OpenClRuntime::device);
  }

  /**
   * How tensors are stored on the device: as asked in the options ({@link Precision#FP16} needs no
   * device extension: half buffers are read and written with {@code vload_half4}/{@code
   * vstore_half4}, arithmetic stays 32-bit).
   */
  public Precision precision() {
    return options.precision();
  }

  /**
   * Kernels of the partitions prepared on the device so far (a partition's kernels share one
   * program, so this is not the number of programs).
   */
  public int kernelsPrepared() {
    return kernelsPrepared;
  }

  /**
   * Bytes of device memory the prepared partitions' constants (weights, biases) take: half as many
   * for those {@link OpenClOptions#halfWeights} stores in 16 bits.
   */
  public long constantBytesPrepared() {
    return constantBytesPrepared;
  }

  /**
   * Programs compiled from source so far (the cold-start cost): one per partition, and with
   * autotune one per kernel timed.
   */
  public int programsCompiled() {
    return runtime.map(OpenClRuntime::programsCompiled).orElse(0);
  }

  /** Programs loaded from the disk cache so far. */
  public int programsFromDisk() {
    return runtime.map(OpenClRuntime::programsFromDisk).orElse(0);
  }

  @Override
  protected Optional<WorkgroupTuner> tuner() {
    return tuner;
  }

  /** Buffers ({@code cl_mem}) held on the device now (for leak checks). */
  public int liveDeviceBuffers() {
    return runtime.map(OpenClRuntime::liveBuffers).orElse(0);
  }

  /** Buffers, programs and kernels held on the device now (for leak checks). */
  public int liveDeviceObjects() {
    return runtime.map(OpenClRuntime::liveObjects).orElse(0);
  }

  /** Where the host's time went in all runs so far (see {@link RunStats#since}). */
  public RunStats runStats() {
    return stats;
  }

  /**
   * Device time per kernel over all runs so far, longest first; empty unless {@link
   * OpenClOptions#profiling()} is on. Profiled runs wait for each kernel, so use them to see where
   * device time goes, not to measure latency.
   */
  public List<KernelTime> kernelTimes() {
    List<KernelTime> all = new ArrayList<>();
    for (int p = 0; p < partitions.size(); p++) {
      all.addAll(partitions.get(p).kernelTimes("p" + p + "/"));
    }
    all.sort(Comparator.comparingLong(KernelTime::deviceNanos).reversed());
    return all;
  }

  private void record(RunStats run) {
    stats = stats.plus(run);
  }

  @Override
  public boolean claims(Graph graph, Node node) {
    return runtime.isPresent() && fallback().active() && GpuPlanner.supports(graph, node);
  }

  @Override
  public Kernel prepare(Graph graph, List<Node> partition) {
    OpenClRuntime rt =
        runtime.orElseThrow(() -> new IllegalStateException("prepare() without claims()"));
    return fallback()
        .prepare(
            graph,
            partition,
            () -> {
              OpenClPartition prepared =
                  new OpenClPartition(
                      rt,
                      GpuPlanner.plan(
                          graph,
                          partition,
                          GpuPlanner.Options.forDevice(
                              workgroups.orElseThrow(), options.precision())),
                      options.memory(),
                      generator(options, rt.device()),
                      buildOptions(),
                      OpenClPartition.Timing.of(options),
                      options.launchBatch(),
                      this::record);
              kernelsPrepared += prepared.kernelCount();
              constantBytesPrepared += prepared.constantBytes();
              if (options.profiling()) {
                partitions.add(prepared); // kept for kernelTimes(); only while profiling
              }
              return prepared;
            });
  }

  /**
   * Test seam: from now on the driver calls of this delegate's device fail as {@code faults} says.
   */
  void injectFaults(DriverFaults faults) {
    runtime.orElseThrow().injectFaults(faults);
  }

  /**
   * How kernels are lowered for {@code device}: constants packed and multiply-adds fused as asked,
   * with L2 prefetch where asked and accepted.
   */
  private static OpenClGenerator generator(OpenClOptions options, DeviceInfo device) {
    OpenClGenerator generator =
        new OpenClGenerator()
            .withPackedConstants(options.packedConstants())
            .withFusedMultiplyAdd(options.fusedMultiplyAdd())
            .withHalfWeights(options.halfWeights());
    return options.l2Prefetch() && device.acceptsInlinePtx()
        ? generator.withL2Prefetch()
        : generator;
  }

  private static String buildOptions() {
    return "-cl-std=CL1.2";
  }

  /** Releases the device; call after closing every interpreter that uses this delegate. */
  @Override
  public void close() {
    runtime.ifPresent(OpenClRuntime::close);
  }
}
