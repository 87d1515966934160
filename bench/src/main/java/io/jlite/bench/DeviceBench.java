package io.jlite.bench;

import io.jlite.GpuUnavailableException;
import io.jlite.Interpreter;
import io.jlite.gles.GlesDelegate;
import io.jlite.gles.GlesOptions;
import io.jlite.gpu.plan.Precision;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import io.jlite.opencl.KernelTime;
import io.jlite.opencl.OpenClDelegate;
import io.jlite.opencl.OpenClOptions;
import io.jlite.opencl.RunStats;
import io.jlite.runtime.ConstantFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Times each model, in one process on the same seeded inputs, on JLite-OpenCL, JLite-GLES, TFLite
 * with XNNPACK (1 and 16 threads) and JLite's reference CPU; checks the OpenCL and GLES outputs
 * against the reference, and the reference and OpenCL outputs against TFLite's; times a cold start
 * and a warm one in a child JVM whose NVIDIA driver cache starts empty ({@code CUDA_CACHE_PATH} set
 * to a new directory; the driver otherwise keeps its machine code on disk across processes, so only
 * a fresh machine's first start was cold): the cold start with an empty program cache, the warm one
 * with the program and driver caches as the cold one left them; prints a Markdown table.
 *
 * <p>Usage: {@code DeviceBench [--runs N] [--cpu-runs N] [--skip cpu,start,gles,xnnpack]
 * [--no-l2-prefetch] [--no-packed-constants] [--no-fma] [--profile [--kernels N]] MODEL...} (a path
 * or a manifest name); {@code DeviceBench --profile [--runs N] MODEL...} prints OpenCL device time
 * per op kind and the slowest kernels instead ({@code --start-only CACHE MODEL} is the start-timing
 * child's mode).
 */
public final class DeviceBench {
  private DeviceBench() {}

  /** Latencies of one model, in milliseconds; NaN where not measured. */
  private record Row(
      String model,
      String opsOnGpu,
      int gpuKernels,
      double maxDiff,
      double relDiff,
      String breakdown,
      double opencl,
      double opencl16,
      double opencl16RelDiff,
      double gles,
      double glesMaxDiff,
      double gles16,
      double gles16RelDiff,
      double glesTextures,
      double glesTexturesMaxDiff,
      double xnn1,
      double xnn16,
      double cpu,
      double cold,
      double warm,
      double referenceVsTflite,
      double openclVsTflite) {}

  /** Columns not to measure ({@code --skip cpu,start,gles,xnnpack}): NaN in the table. */
  private static java.util.Set<String> skip = java.util.Set.of();

  /** Whether OpenCL kernels prefetch their weights ({@code --no-l2-prefetch}: off, for A/B). */
  private static boolean l2Prefetch = true;

  /** Whether OpenCL kernels get their constants packed ({@code --no-packed-constants}: off). */
  private static boolean packedConstants = true;

  /** Whether OpenCL kernels fuse multiply-adds ({@code --no-fma}: off, for A/B). */
  private static boolean fusedMultiplyAdd = true;

  /** The option flags given ({@code --no-…}), passed on to the start-timing child JVMs. */
  private static final List<String> optionFlags = new ArrayList<>();

  /** How many of the slowest kernels {@code --profile} lists ({@code --kernels N}). */
  private static int listedKernels = 15;

  private static OpenClOptions openClDefaults() {
    return OpenClOptions.defaults()
        .withL2Prefetch(l2Prefetch)
        .withPackedConstants(packedConstants)
        .withFusedMultiplyAdd(fusedMultiplyAdd);
  }

  public static void main(String[] args) throws IOException {
    int runs = 100;
    int cpuRuns = 3;
    boolean profileOnly = false;
    Path startOnly = null;
    List<String> models = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--cpu-runs" -> cpuRuns = Integer.parseInt(args[++i]);
        case "--profile" -> profileOnly = true;
        case "--skip" -> skip = java.util.Set.of(args[++i].split(","));
        case "--kernels" -> listedKernels = Integer.parseInt(args[++i]);
        case "--start-only" -> startOnly = Path.of(args[++i]);
        case "--no-l2-prefetch" -> l2Prefetch = false;
        case "--no-packed-constants" -> packedConstants = false;
        case "--no-fma" -> fusedMultiplyAdd = false;
        default -> models.add(args[i]);
      }
      if (args[i].startsWith("--no-")) {
        optionFlags.add(args[i]);
      }
    }
    if (startOnly != null) {
      // The child of childStarts: the model run once on the reference CPU first (as the parent
      // does before it times anything), then the two starts, their times on stdout.
      Graph graph = ConstantFolder.fold(ModelLoader.standard().load(resolve(models.get(0))));
      List<NdArray> inputs = randomInputs(graph, 42);
      try (Interpreter interpreter = new Interpreter(graph, new Interpreter.Options())) {
        interpreter.runRaw(inputs);
      }
      OpenClOptions options = openClDefaults().withProgramCache(startOnly);
      double cold = startMillis(graph, options, inputs);
      double warm = startMillis(graph, options, inputs);
      System.out.println(START_PREFIX + cold + " " + warm);
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (String model : models) {
      if (profileOnly) {
        profile(resolve(model), runs);
        continue;
      }
      rows.add(bench(resolve(model), runs, cpuRuns));
      print(rows);
    }
  }

  /**
   * Prints where OpenCL device time goes: the summed device time of one run, per op kind and for
   * the slowest kernels, over {@code runs} profiled runs (each kernel waited for, so this is device
   * time, not latency).
   */
  private static void profile(Path file, int runs) throws IOException {
    Graph graph = ConstantFolder.fold(ModelLoader.standard().load(file));
    List<NdArray> inputs = randomInputs(graph, 42);
    RunStats spans = deviceSpans(graph, inputs, runs);
    OpenClOptions options = openClDefaults().withProfiling(true);
    try (OpenClDelegate gpu = new OpenClDelegate(options);
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      interpreter.runRaw(inputs);
      List<KernelTime> warmup = gpu.kernelTimes();
      for (int i = 0; i < runs; i++) {
        interpreter.runRaw(inputs);
      }
      java.util.Map<String, double[]> byKind = new java.util.TreeMap<>();
      double total = 0;
      List<String[]> lines = new ArrayList<>();
      for (KernelTime k : gpu.kernelTimes()) {
        KernelTime first =
            warmup.stream().filter(w -> w.kernel().equals(k.kernel())).findFirst().orElseThrow();
        double us = (k.deviceNanos() - first.deviceNanos()) / 1e3 / runs;
        total += us;
        String kind = k.kernel().replaceAll("^p\\d+/k?\\d*_?", "");
        byKind.computeIfAbsent(kind, x -> new double[2])[0] += us;
        byKind.get(kind)[1]++;
        lines.add(new String[] {k.kernel(), String.format(Locale.ROOT, "%.1f", us)});
      }
      System.out.printf(
          Locale.ROOT,
          "%n### %s: device time per run %.0f µs in %d kernels%n%n",
          file.getFileName(),
          total,
          lines.size());
      System.out.printf(
          Locale.ROOT,
          "In the stream (no waits between kernels, events on each run's first and last): device"
              + " span %.0f µs per run, host enqueue %.0f µs.%n%n",
          spans.deviceSpanNanos() / 1e3 / spans.runs(),
          spans.enqueueNanos() / 1e3 / spans.runs());
      System.out.println("| op kind | kernels | µs per run |\n|---|---|---|");
      for (var e : byKind.entrySet()) {
        System.out.printf(
            Locale.ROOT, "| %s | %.0f | %.1f |%n", e.getKey(), e.getValue()[1], e.getValue()[0]);
      }
      System.out.println("\nslowest kernels (µs per run):");
      lines.stream()
          .sorted((a, b) -> Double.compare(Double.parseDouble(b[1]), Double.parseDouble(a[1])))
          .limit(listedKernels)
          .forEach(l -> System.out.println("  " + l[0] + " " + l[1]));
    }
  }

  /** The stats of {@code runs} runs (after one warm-up) with {@code deviceSpans} on. */
  private static RunStats deviceSpans(Graph graph, List<NdArray> inputs, int runs) {
    try (OpenClDelegate gpu = new OpenClDelegate(openClDefaults().withDeviceSpans(true));
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      interpreter.runRaw(inputs);
      RunStats before = gpu.runStats();
      for (int i = 0; i < runs; i++) {
        interpreter.runRaw(inputs);
      }
      return gpu.runStats().since(before);
    }
  }

  static Path resolve(String model) {
    Path file = Path.of(model);
    return Files.isRegularFile(file) ? file : ModelCatalog.standard().path(model);
  }

  private static Row bench(Path file, int runs, int cpuRuns) throws IOException {
    String name = file.getFileName().toString().replace(".tflite", "");
    System.err.println("== " + name);
    // Constant-folded up front: delegates then see the convolutions' fp16 weights as constants.
    Graph graph = ConstantFolder.fold(ModelLoader.standard().load(file));
    List<NdArray> inputs = randomInputs(graph, 42);
    float[][] flatInputs = inputs.stream().map(NdArray::floats).toArray(float[][]::new);

    List<NdArray> reference;
    double cpu;
    try (Interpreter interpreter = new Interpreter(graph, new Interpreter.Options())) {
      reference = interpreter.runRaw(inputs);
      cpu = skip.contains("cpu") ? Double.NaN : median(cpuRuns, () -> interpreter.runRaw(inputs));
    }
    System.err.println("reference cpu " + cpu + " ms");

    Path cache = Files.createTempDirectory("jlite-bench-cache");
    double[] starts =
        skip.contains("start") ? new double[] {Double.NaN, Double.NaN} : childStarts(file, cache);
    double cold = starts[0];
    double warm = starts[1];
    OpenClOptions options = openClDefaults().withProgramCache(cache);
    double opencl;
    double maxDiff;
    double relDiff;
    String breakdown;
    String opsOnGpu;
    int kernels;
    List<NdArray> out;
    try (OpenClDelegate gpu = new OpenClDelegate(options);
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      System.err.println("device " + gpu.device().map(d -> d.describe()).orElse("none"));
      Graph folded = interpreter.graph();
      long claimed = folded.nodes().stream().filter(n -> gpu.claims(folded, n)).count();
      opsOnGpu = claimed + "/" + folded.nodes().size() + " in " + gpu.gpuPartitions();
      out = interpreter.runRaw(inputs);
      maxDiff = maxDiff(reference, out);
      relDiff = relativeDiff(reference, out);
      kernels = gpu.kernelsPrepared();
      RunStats before = gpu.runStats();
      opencl = median(runs, () -> interpreter.runRaw(inputs));
      RunStats s = gpu.runStats().since(before);
      breakdown =
          String.format(
              Locale.ROOT,
              "%.0f / %.0f / %.0f",
              s.uploadNanos() / 1e3 / s.runs(),
              s.enqueueNanos() / 1e3 / s.runs(),
              s.waitAndDownloadNanos() / 1e3 / s.runs());
    }
    System.err.println("opencl " + opencl + " ms, max diff " + maxDiff);

    double[] opencl16 =
        timed(
            "opencl fp16",
            () -> new OpenClDelegate(options.withPrecision(Precision.FP16)),
            graph,
            inputs,
            reference,
            runs);
    boolean noGles = skip.contains("gles");
    double[] none = {Double.NaN, Double.NaN, Double.NaN};
    GlesOptions gl = GlesOptions.defaults().withoutProgramCache();
    double[] gles =
        noGles ? none : timed("gles", () -> new GlesDelegate(gl), graph, inputs, reference, runs);
    double[] gles16 =
        noGles
            ? none
            : timed(
                "gles fp16",
                () -> new GlesDelegate(gl.withPrecision(Precision.FP16)),
                graph,
                inputs,
                reference,
                runs);
    double[] glesTextures =
        noGles
            ? none
            : timed(
                "gles textures",
                () -> new GlesDelegate(gl.withTextures(true)),
                graph,
                inputs,
                reference,
                runs);
    boolean xnn = !skip.contains("xnnpack");
    int outputs = graph.outputs().size();
    Xnnpack xnn1 = xnn ? xnnpack(file, 1, outputs, flatInputs, runs) : Xnnpack.NONE;
    Xnnpack xnn16 = xnn ? xnnpack(file, 16, outputs, flatInputs, runs) : Xnnpack.NONE;
    // TFLite is the oracle the conformance suite holds JLite to: how far are both from it here?
    double referenceVsTflite = xnn16.relativeDiff(floats(reference));
    double openclVsTflite = xnn16.relativeDiff(floats(out));
    return new Row(
        name,
        opsOnGpu,
        kernels,
        maxDiff,
        relDiff,
        breakdown,
        opencl,
        opencl16[0],
        opencl16[2],
        gles[0],
        gles[1],
        gles16[0],
        gles16[2],
        glesTextures[0],
        glesTextures[1],
        xnn1.ms(),
        xnn16.ms(),
        cpu,
        cold,
        warm,
        referenceVsTflite,
        openclVsTflite);
  }

  private static List<float[]> floats(List<NdArray> values) {
    return values.stream().map(NdArray::floats).toList();
  }

  /**
   * {median ms, max abs diff, max diff relative to each output's largest magnitude} against the
   * reference on the delegate {@code open} makes; NaN when it cannot run.
   */
  private static double[] timed(
      String label,
      java.util.function.Supplier<io.jlite.Delegate> open,
      Graph graph,
      List<NdArray> inputs,
      List<NdArray> reference,
      int runs) {
    try (io.jlite.Delegate gpu = open.get();
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      List<NdArray> out = interpreter.runRaw(inputs);
      double diff = maxDiff(reference, out);
      double rel = relativeDiff(reference, out);
      double ms = median(runs, () -> interpreter.runRaw(inputs));
      System.err.println(label + " " + ms + " ms, max diff " + diff + ", relative " + rel);
      return new double[] {ms, diff, rel};
    } catch (GpuUnavailableException e) {
      System.err.println(label + " failed: " + e.getMessage());
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
  }

  /** What the child of {@link #childStarts} prints before its two start times. */
  private static final String START_PREFIX = "start-ms ";

  /**
   * The cold and the warm start's time (ms from making the delegate to the end of its first run),
   * measured in a new JVM with program cache {@code cache} (empty) and an empty NVIDIA driver
   * cache.
   */
  private static double[] childStarts(Path model, Path cache) throws IOException {
    Path driverCache = Files.createTempDirectory("jlite-bench-driver-cache");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DeviceBench.class.getName());
    command.add("--start-only");
    command.add(cache.toString());
    command.addAll(optionFlags);
    command.add(model.toString());
    // Its stdout goes to a file, so that a child that hangs cannot block the read past the wait.
    Path stdout = Files.createTempFile("jlite-bench-start", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectOutput(stdout.toFile());
    builder.environment().put("CUDA_CACHE_PATH", driverCache.toString());
    Process child = builder.start();
    try {
      if (!child.waitFor(15, TimeUnit.MINUTES) || child.exitValue() != 0) {
        child.destroyForcibly();
        throw new IllegalStateException(
            "the start-timing JVM failed: " + command + "\n" + Files.readString(stdout));
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing a start", e);
    }
    String out = Files.readString(stdout);
    Files.delete(stdout);
    return out.lines()
        .filter(l -> l.startsWith(START_PREFIX))
        .map(l -> l.substring(START_PREFIX.length()).split(" "))
        .map(t -> new double[] {Double.parseDouble(t[0]), Double.parseDouble(t[1])})
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no start times from " + command + ":\n" + out));
  }

  /** Milliseconds from creating the delegate and interpreter to the end of the first run. */
  private static double startMillis(Graph graph, OpenClOptions options, List<NdArray> inputs) {
    long start = System.nanoTime();
    try (OpenClDelegate gpu = new OpenClDelegate(options);
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      interpreter.runRaw(inputs);
      double ms = (System.nanoTime() - start) / 1e6;
      System.err.printf(
          Locale.ROOT,
          "start %.1f ms (%d compiled, %d from cache)%n",
          ms,
          gpu.programsCompiled(),
          gpu.programsFromDisk());
      return ms;
    }
  }

  /** A TFLite (XNNPACK) timing: the median ms and the outputs of the last run; NaN, none if not. */
  private record Xnnpack(double ms, List<float[]> outputs) {
    static final Xnnpack NONE = new Xnnpack(Double.NaN, List.of());

    /** {@code actual}'s {@link #relativeDiffOf} from these outputs; NaN without them. */
    double relativeDiff(List<float[]> actual) {
      return outputs.isEmpty() ? Double.NaN : relativeDiffOf(outputs, actual);
    }
  }

  private static Xnnpack xnnpack(Path file, int threads, int outputs, float[][] inputs, int runs) {
    try (XnnpackRunner tflite = new XnnpackRunner(file, threads, outputs)) {
      double ms = median(runs, () -> tflite.run(inputs));
      System.err.println("xnnpack x" + threads + " " + ms + " ms");
      return new Xnnpack(ms, List.of(tflite.run(inputs)));
    } catch (RuntimeException | LinkageError e) {
      System.err.println("xnnpack x" + threads + " failed: " + e);
      return Xnnpack.NONE;
    }
  }

  /** Median of {@code runs} timed calls after as many untimed ones (at most 20). */
  private static double median(int runs, Runnable call) {
    for (int i = 0; i < Math.min(runs, 20); i++) {
      call.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return medianOfSorted(ms);
  }

  /** The median of ascending {@code sorted} (the mean of the middle two for an even count). */
  static double medianOfSorted(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double maxDiff(List<NdArray> expected, List<NdArray> actual) {
    double max = 0;
    for (int o = 0; o < expected.size(); o++) {
      float[] e = expected.get(o).floats();
      float[] a = actual.get(o).floats();
      for (int i = 0; i < e.length; i++) {
        max = Math.max(max, Math.abs(e[i] - a[i]));
      }
    }
    return max;
  }

  /** The largest difference of an output relative to that output's largest magnitude. */
  private static double relativeDiff(List<NdArray> expected, List<NdArray> actual) {
    return relativeDiffOf(floats(expected), floats(actual));
  }

  /** Like {@link #relativeDiff}, on flat outputs; NaN when their sizes differ. */
  private static double relativeDiffOf(List<float[]> expected, List<float[]> actual) {
    double max = 0;
    for (int o = 0; o < expected.size(); o++) {
      float[] e = expected.get(o);
      float[] a = actual.get(o);
      if (e.length != a.length) {
        return Double.NaN;
      }
      double scale = 0;
      double diff = 0;
      for (int i = 0; i < e.length; i++) {
        scale = Math.max(scale, Math.abs(e[i]));
        diff = Math.max(diff, Math.abs(e[i] - a[i]));
      }
      max = Math.max(max, scale == 0 ? diff : diff / scale);
    }
    return max;
  }

  static List<NdArray> randomInputs(Graph graph, long seed) {
    Random random = new Random(seed);
    List<NdArray> inputs = new ArrayList<>();
    for (int t : graph.inputs()) {
      TensorSpec spec = graph.tensor(t);
      float[] data = new float[spec.shape().size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = random.nextFloat() * 2 - 1;
      }
      inputs.add(NdArray.of(spec.shape(), data));
    }
    return inputs;
  }

  private static void print(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| model | OpenCL fp32 ms | OpenCL fp16 ms | GLES fp32 ms | GLES fp16 ms"
            + " | GLES textures fp32 ms | XNNPACK 1 thr ms"
            + " | XNNPACK 16 thr ms | reference CPU ms"
            + " | XNNPACK-16 / OpenCL | CPU / OpenCL | cold start ms | warm start ms | warm / cold"
            + " | ops on GPU (partitions) | kernels | OpenCL max abs diff vs reference"
            + " | OpenCL max diff / max abs output | OpenCL fp16 rel. diff | GLES max abs diff"
            + " | GLES fp16 rel. diff | GLES textures max abs diff"
            + " | OpenCL host µs per run: upload / enqueue / wait+download"
            + " | reference rel. diff vs TFLite | OpenCL rel. diff vs TFLite |\n");
    out.append("|---".repeat(25) + "|\n");
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f× | %.0f× | %.0f"
                  + " | %.0f | %.1f%% | %s | %d | %.2g | %.2g | %.2g | %.2g | %.2g | %.2g | %s"
                  + " | %.2g | %.2g |%n",
              r.model(),
              r.opencl(),
              r.opencl16(),
              r.gles(),
              r.gles16(),
              r.glesTextures(),
              r.xnn1(),
              r.xnn16(),
              r.cpu(),
              r.xnn16() / r.opencl(),
              r.cpu() / r.opencl(),
              r.cold(),
              r.warm(),
              100 * r.warm() / r.cold(),
              r.opsOnGpu(),
              r.gpuKernels(),
              r.maxDiff(),
              r.relDiff(),
              r.opencl16RelDiff(),
              r.glesMaxDiff(),
              r.gles16RelDiff(),
              r.glesTexturesMaxDiff(),
              r.breakdown(),
              r.referenceVsTflite(),
              r.openclVsTflite()));
    }
    System.out.println(out);
  }
}
