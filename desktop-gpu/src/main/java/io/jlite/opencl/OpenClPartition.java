package io.jlite.opencl;

import io.jlite.Delegate;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.PlanBuffers;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.ir.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jocl.cl_event;

/**
 * One planned partition on an OpenCL device: its buffers (gpu-common's {@link PlanBuffers}) and the
 * kernels with their arguments bound once at preparation, all taken from one program built from the
 * partition's kernels together ({@link OpenClGenerator#program}).
 *
 * <p>{@link #run} uploads the partition's inputs, enqueues every kernel without waiting (the plan's
 * own kernels move large boundary tensors between the host's BHWC order and PHWC4: conversion
 * kernels, or the kernels that read or write them gathering and scattering), starts each large
 * output's copy to the host ({@link #earlyDownloads}) right after the kernel that last writes it
 * (on the runtime's download queue, so it overlaps the kernels after it), and then takes the copies
 * in that order: the host waits once per output at most, never between kernels, however many
 * kernels the partition has.
 */
final class OpenClPartition implements Delegate.Kernel {
  /** A kernel with its arguments bound, and its launch size (computed once). */
  private static final class Launch {
    final ClKernel kernel;
    final PlannedKernel planned;
    final long[] global;
    final long[] local;
    long launches;
    long deviceNanos;

    Launch(ClKernel kernel, PlannedKernel planned) {
      this.kernel = kernel;
      this.planned = planned;
      this.global = planned.globalSize();
      this.local = planned.localSize();
    }

    void run(boolean timed) {
      if (timed) {
        deviceNanos += kernel.enqueueTimed(global, local);
        launches++;
      } else {
        kernel.enqueue(global, local);
      }
    }
  }

  /** What a run measures on the device ({@link OpenClOptions}). */
  enum Timing {
    /** Nothing: launches without events. */
    NONE,
    /** The span from the first kernel's start to the last one's end, without waits in between. */
    SPAN,
    /** Every kernel, each waited for. */
    KERNELS;

    static Timing of(OpenClOptions options) {
      return options.profiling() ? KERNELS : options.deviceSpans() ? SPAN : NONE;
    }
  }

  /**
   * Smallest output copied to the host while later kernels run (smaller ones are read after the
   * last kernel, on the kernels' queue). On the H200 the two large outputs of pose_landmark_heavy
   * (256 KiB and 624 KiB, written 52 and 25 kernels before the end) saved 57-75 µs a run that way,
   * while a marker and a second queue for every output slowed the models with small outputs.
   */
  static final long EARLY_DOWNLOAD_BYTES = 64 * 1024;

  /**
   * Fewest kernels that must follow an output's last writer for its copy to start early: the copy
   * costs the host a marker, a read on the second queue and a flush (70-110 µs a run for two
   * outputs on the H200), which the kernels after it must hide. pose_landmark_lite's two large
   * outputs are written 15 and 13 kernels before the end, and lite ran faster without early copies
   * in two sessions (0.927 against 1.003 ms, interleaved; 1.182 against 1.216); heavy's (51 and 23
   * kernels before the end) saved 48 µs.
   */
  static final int EARLY_DOWNLOAD_KERNELS_AFTER = 20;

  private final PlanBuffers<ClBuffer> buffers;
  private final List<Launch> launches = new ArrayList<>();
  // Outputs copied early ({@link #earlyDownloads}), by the launch before which each copy starts.
  private final List<List<Integer>> readyAt;
  private final Consumer<RunStats> stats;
  private final Timing timing;
  private final OpenClRuntime runtime;
  // OpenClOptions#launchBatch: 0, or how many launches go to the driver at a time after the first.
  private final int launchBatch;

  /**
   * Allocates and compiles everything {@code plan} needs; on failure releases what it allocated and
   * rethrows.
   */
  OpenClPartition(
      OpenClRuntime runtime,
      GpuPlan plan,
      MemoryStrategy memory,
      OpenClGenerator generator,
      String buildOptions,
      Timing timing,
      int launchBatch,
      Consumer<RunStats> stats) {
    this.stats = stats;
    this.timing = timing;
    this.runtime = runtime;
    // Profiled runs wait for each launch, which a batch held behind its gate would never finish.
    this.launchBatch = timing == Timing.KERNELS ? 0 : launchBatch;
    this.buffers = new PlanBuffers<>(plan, runtime::allocate, Optional.of(memory));
    this.readyAt = earlyDownloads(plan);
    try {
      List<LoweredKernel> lowered = new ArrayList<>();
      for (PlannedKernel planned : plan.kernels()) {
        lowered.add(generator.lower(planned.source(), planned.workgroup(), plan::halfStorage));
      }
      // One program for the whole partition: a driver builds it in a fraction of the time it
      // takes to build each kernel alone (see the README), and it is one entry in each cache.
      if (!lowered.isEmpty()) {
        ClProgram program = runtime.program(OpenClGenerator.program(lowered), buildOptions);
        for (int k = 0; k < lowered.size(); k++) {
          ClKernel kernel = program.kernel(lowered.get(k).entryPoint());
          launches.add(new Launch(kernel, plan.kernels().get(k)));
          List<KernelArg> parameters = lowered.get(k).parameters();
          for (int i = 0; i < parameters.size(); i++) {
            kernel.arg(i, buffers.of(parameters.get(i)));
          }
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The outputs of {@code plan} whose copies start early: entry k lists those to start before
   * launch k (entry {@code kernels().size()}: after the last, always empty). An output is copied
   * early when it holds at least {@link #EARLY_DOWNLOAD_BYTES} and at least {@link
   * #EARLY_DOWNLOAD_KERNELS_AFTER} kernels run after its last writer; the others are read on the
   * kernels' queue after the last kernel.
   */
  static List<List<Integer>> earlyDownloads(GpuPlan plan) {
    List<List<Integer>> at = new ArrayList<>();
    for (int k = 0; k <= plan.kernels().size(); k++) {
      at.add(new ArrayList<>());
    }
    int last = plan.kernels().size() - 1;
    for (int t : plan.outputs()) {
      int ready = plan.readyAfter(t);
      boolean large = (long) plan.deviceFloats(t) * Float.BYTES >= EARLY_DOWNLOAD_BYTES;
      if (large && last - ready >= EARLY_DOWNLOAD_KERNELS_AFTER) {
        at.get(ready + 1).add(t);
      }
    }
    return at;
  }

  @Override
  public void run(NdArray[] values) {
    long start = System.nanoTime();
    buffers.upload(values);
    long uploaded = System.nanoTime();
    List<ClKernel.Recorded> edges = new ArrayList<>(2);
    // The user event the batch being queued waits behind (launchBatch), null outside batches.
    cl_event gate = null;
    try {
      readyAt.get(0).forEach(buffers::startEarlyDownload);
      for (int i = 0; i < launches.size(); i++) {
        Launch launch = launches.get(i);
        if (startsBatch(i)) {
          cl_event next = runtime.userEvent();
          try {
            launch.kernel.enqueueAfter(launch.global, launch.local, next);
          } catch (RuntimeException e) {
            runtime.complete(next);
            throw e;
          }
          // The batch before is all queued: let the driver have it.
          cl_event queued = gate;
          gate = next;
          if (queued != null) {
            runtime.complete(queued);
          }
        } else if (timing == Timing.SPAN && (i == 0 || i == launches.size() - 1)) {
          edges.add(launch.kernel.enqueueRecorded(launch.global, launch.local));
        } else {
          launch.run(timing == Timing.KERNELS);
        }
        // An output is copied to the host while the kernels after its last writer run.
        readyAt.get(i + 1).forEach(buffers::startEarlyDownload);
      }
      if (gate != null) {
        cl_event last = gate;
        gate = null;
        runtime.complete(last);
      }
      long enqueued = System.nanoTime();
      buffers.download(values);
      long done = System.nanoTime();
      long span =
          edges.isEmpty() ? 0 : edges.get(edges.size() - 1).endNanos() - edges.get(0).startNanos();
      stats.accept(
          new RunStats(
              1, launches.size(), uploaded - start, enqueued - uploaded, done - enqueued, span));
    } finally {
      // A failed run still lets its queued launches go, so the queue never waits forever.
      if (gate != null) {
        runtime.complete(gate);
      }
      edges.forEach(ClKernel.Recorded::close);
    }
  }

  /**
   * Whether launch {@code i} opens a batch queued behind a user event ({@link
   * OpenClOptions#launchBatch}): every {@code launchBatch}-th after the first batch, the last
   * launch excepted.
   */
  private boolean startsBatch(int i) {
    return launchBatch > 0 && i >= launchBatch && i % launchBatch == 0 && i < launches.size() - 1;
  }

  /** Device times of this partition's kernels so far (empty unless the runtime profiles). */
  List<KernelTime> kernelTimes(String prefix) {
    List<KernelTime> times = new ArrayList<>();
    for (Launch l : launches) {
      if (l.launches > 0) {
        times.add(
            new KernelTime(
                prefix + l.kernel.name(), l.planned.opIndices(), l.launches, l.deviceNanos));
      }
    }
    return times;
  }

  /** Bytes of this partition's constant buffers on the device. */
  long constantBytes() {
    return buffers.constantBytes();
  }

  /** The number of kernels one run enqueues. */
  int kernelCount() {
    return launches.size();
  }

  @Override
  public void close() {
    launches.forEach(l -> l.kernel.close());
    launches.clear();
    buffers.close();
  }
}
