package io.jlite.bench;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.opencl.ClBuffer;
import io.jlite.opencl.ClKernel;
import io.jlite.opencl.ClProgram;
import io.jlite.opencl.ClWorkgroups;
import io.jlite.opencl.OpenClRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The device time of each of a model's OpenCL kernels in the stream, one kernel at a time: a spin
 * kernel holds the queue while {@code reps} launches of the kernel are queued behind it, so the
 * host's per-launch cost is hidden and the time is the device's; {@code (total − spin) / reps},
 * best of three. Unlike {@code DeviceBench --profile} no event sits on any launch (events stretch
 * every kernel by microseconds). Each kernel repeated finds its data in the cache, so the sum is
 * what the kernels cost without the chain's cold reads: compare it with the run's device span.
 *
 * <p>{@code --cold}: a kernel writing 128 MB (more than any GPU's L2) runs before each launch, so
 * every launch starts on cold caches, as in a real run where the weights do not stay in L2; the
 * flushes' own time (measured alone the same way) is subtracted. {@code --l2-prefetch}: kernels
 * lowered {@link OpenClGenerator#withL2Prefetch} (NVIDIA only), as the delegate runs them there.
 * {@code --no-packed-constants}: each weight and bias its own argument ({@link
 * OpenClGenerator#withPackedConstants}), for comparing packed and unpacked kernels one by one.
 * {@code --half-weights}: constants exact in 16 bits stored as halves ({@link
 * OpenClGenerator#withHalfWeights}).
 *
 * <p>Usage: {@code KernelStreamStudy [--cold] [--l2-prefetch] [--no-packed-constants]
 * [--half-weights] MODEL [REPS] [NAME_REGEX]} (default 100, every kernel). Prints a Markdown table
 * and the sum.
 */
public final class KernelStreamStudy {
  /** Iterations of the spin kernel's dependent loop: about 4.5 ms on an H200. */
  private static final int SPIN_ITERATIONS = 2_000_000;

  private static final String SPIN =
      "__kernel void spin(__global float* o, int n) { float x = (float)get_global_id(0);"
          + " for (int i = 0; i < n; i++) { x = x * 0.999f + 0.5f; }"
          + " if (x == 12345.0f) { o[0] = x; } }";

  /** Float4s the cache-flushing kernel writes: 128 MB. */
  private static final int FLUSH_VEC4S = 8 << 20;

  private static final String FLUSH =
      "__kernel void flush(__global float4* b) { int i = get_global_id(0); b[i] = (float4)(i); }";

  private KernelStreamStudy() {}

  public static void main(String[] arguments) {
    List<String> argList = new ArrayList<>(List.of(arguments));
    boolean cold = argList.remove("--cold");
    boolean prefetch = argList.remove("--l2-prefetch");
    boolean packed = !argList.remove("--no-packed-constants");
    boolean halfWeights = argList.remove("--half-weights");
    String[] args = argList.toArray(String[]::new);
    Graph graph = WorkgroupStudy.model(args);
    int reps = reps(args);
    Pattern filter = Pattern.compile(args.length > 2 ? args[2] : ".");
    List<Node> nodes = graph.nodes().stream().filter(n -> GpuPlanner.supports(graph, n)).toList();
    try (OpenClRuntime cl = OpenClRuntime.open(Optional.empty(), Optional.empty());
        ClBuffer spinOut = cl.allocate("spin", 64);
        ClKernel spin = cl.program(SPIN, "-cl-std=CL1.2").kernel("spin");
        ClBuffer flushed = cl.allocate("flushed", cold ? (long) FLUSH_VEC4S * 16 : 16);
        ClKernel flush = cl.program(FLUSH, "-cl-std=CL1.2").kernel("flush")) {
      spin.arg(0, spinOut).arg(1, SPIN_ITERATIONS);
      flush.arg(0, flushed);
      long[] one = {32};
      Runnable hold = () -> spin.enqueue(one, one);
      long[] flushItems = {FLUSH_VEC4S};
      Runnable beforeEach = cold ? () -> flush.enqueue(flushItems, null) : () -> {};
      double spinMicros = Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        spinMicros = Math.min(spinMicros, timed(hold, cl, () -> {}));
      }
      // What the flushes alone add behind the spin kernel (0 without --cold).
      double flushMicros = 0;
      if (cold) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
          best = Math.min(best, timed(hold, cl, () -> repeat(reps, beforeEach)));
        }
        flushMicros = (best - spinMicros) / reps;
      }
      GpuPlan plan =
          GpuPlanner.plan(
              graph, nodes, GpuPlanner.Options.DEFAULT.withWorkgroups(ClWorkgroups.heuristic(cl)));
      List<PlannedKernel> chosen =
          plan.kernels().stream().filter(k -> filter.matcher(k.source().name()).find()).toList();
      List<LoweredKernel> lowered = new ArrayList<>();
      OpenClGenerator plain =
          new OpenClGenerator().withPackedConstants(packed).withHalfWeights(halfWeights);
      OpenClGenerator generator = prefetch ? plain.withL2Prefetch() : plain;
      for (PlannedKernel k : chosen) {
        lowered.add(generator.lower(k.source(), k.workgroup()));
      }
      System.out.printf(
          Locale.ROOT,
          "%s; spin %.0f µs%s; %d kernels, %d launches each%n%n| kernel | grid | workgroup | µs |%n"
              + "|---|---|---|---|%n",
          cl.device().describe(),
          spinMicros,
          cold
              ? String.format(
                  Locale.ROOT, "; cold: a %.1f µs flush before each launch", flushMicros)
              : "",
          chosen.size(),
          reps);
      double sum = 0;
      try (ClProgram program = cl.program(OpenClGenerator.program(lowered), "-cl-std=CL1.2")) {
        for (int i = 0; i < chosen.size(); i++) {
          double micros =
              time(cl, program, chosen.get(i), lowered.get(i), hold, beforeEach, reps)
                  - (spinMicros / reps + flushMicros);
          sum += micros;
          PlannedKernel k = chosen.get(i);
          System.out.printf(
              Locale.ROOT,
              "| %s | %s | %s | %.2f |%n",
              k.source().name(),
              k.source().grid(),
              k.workgroup(),
              micros);
        }
      }
      System.out.printf(Locale.ROOT, "%nsum %.1f µs%n", sum);
    }
  }

  /**
   * Best of three, µs per launch: the kernel's launches (each after {@code beforeEach}) queued
   * behind the spin kernel; the caller subtracts the spin's and the flushes' share.
   */
  private static double time(
      OpenClRuntime cl,
      ClProgram program,
      PlannedKernel planned,
      LoweredKernel lowered,
      Runnable hold,
      Runnable beforeEach,
      int reps) {
    List<ClBuffer> buffers = new ArrayList<>();
    try (ClKernel kernel = program.kernel(lowered.entryPoint())) {
      List<KernelArg> parameters = lowered.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        KernelArg a = parameters.get(i);
        ClBuffer b = cl.allocate(a.name(), WorkgroupStudy.bytes(a));
        buffers.add(b);
        b.write(a instanceof ConstArg c ? c.toArray() : noise(WorkgroupStudy.bytes(a), i));
        kernel.arg(i, b);
      }
      long[] global = planned.globalSize();
      long[] local = planned.localSize();
      Runnable launches =
          () -> {
            for (int r = 0; r < reps; r++) {
              beforeEach.run();
              kernel.enqueue(global, local);
            }
          };
      launches.run();
      cl.finish();
      double best = Double.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        best = Math.min(best, timed(hold, cl, launches) / reps);
      }
      return best;
    } finally {
      buffers.forEach(ClBuffer::close);
    }
  }

  private static int reps(String[] args) {
    return args.length > 1 ? Integer.parseInt(args[1]) : 100;
  }

  private static void repeat(int times, Runnable r) {
    for (int i = 0; i < times; i++) {
      r.run();
    }
  }

  /** µs from enqueueing {@code first} and {@code then} to the queue's finish. */
  private static double timed(Runnable first, OpenClRuntime cl, Runnable then) {
    long start = System.nanoTime();
    first.run();
    then.run();
    cl.finish();
    return (System.nanoTime() - start) / 1e3;
  }

  /** Values in [-0.5, 0.5) for a tensor's buffer (zeros could take faster paths). */
  private static float[] noise(long bytes, int seed) {
    Random random = new Random(seed);
    float[] values = new float[Math.toIntExact(bytes / Float.BYTES)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() - 0.5f;
    }
    return values;
  }
}
