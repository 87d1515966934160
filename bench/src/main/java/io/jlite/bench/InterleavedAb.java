package io.jlite.bench;

import io.jlite.Interpreter;
import io.jlite.gpu.plan.Precision;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.ModelLoader;
import io.jlite.opencl.OpenClDelegate;
import io.jlite.opencl.OpenClOptions;
import io.jlite.opencl.RunStats;
import io.jlite.runtime.ConstantFolder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An A/B of OpenCL option variants in one process: one delegate per variant on the same model and
 * seeded inputs, their runs interleaved (run r of every variant, in an order rotating with r), so
 * that every variant sees the same host noise. Alternating processes on a shared host differed by
 * up to 15–30 % from process to process; interleaving made 5–10 % differences show (bench README).
 *
 * <p>Usage: {@code InterleavedAb [--runs N] MODEL VARIANT...} with variants from {@link #VARIANTS}
 * (e.g. {@code default no-packed-constants}). Prints each variant's median, quartiles and host
 * breakdown, its largest difference from the first variant's outputs, and (variant {@code spans},
 * events on each run's first and last kernel) the device's span of a run.
 */
public final class InterleavedAb {
  private InterleavedAb() {}

  /** The variants, as changes to {@link OpenClOptions#defaults()}. */
  static final Map<String, UnaryOperator<OpenClOptions>> VARIANTS =
      Map.of(
          "default", o -> o,
          "no-l2-prefetch", o -> o.withL2Prefetch(false),
          "no-packed-constants", o -> o.withPackedConstants(false),
          "no-fma", o -> o.withFusedMultiplyAdd(false),
          "fp16", o -> o.withPrecision(Precision.FP16),
          "autotune", o -> o.withAutotune(true),
          "spans", o -> o.withDeviceSpans(true),
          "half-weights", o -> o.withHalfWeights(true),
          "launch-batch-8", o -> o.withLaunchBatch(8),
          "launch-batch-16", o -> o.withLaunchBatch(16));

  public static void main(String[] args) {
    int runs = 300;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--runs")) {
        runs = Integer.parseInt(args[++i]);
      } else {
        rest.add(args[i]);
      }
    }
    if (rest.size() < 2) {
      throw new IllegalArgumentException(
          "usage: InterleavedAb [--runs N] MODEL VARIANT... (variants: " + VARIANTS.keySet() + ")");
    }
    List<String> names = rest.subList(1, rest.size());
    for (String name : names) {
      if (!VARIANTS.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown variant '" + name + "'; known: " + VARIANTS.keySet());
      }
    }
    Graph graph =
        ConstantFolder.fold(ModelLoader.standard().load(DeviceBench.resolve(rest.get(0))));
    List<NdArray> inputs = DeviceBench.randomInputs(graph, 42);
    int n = names.size();
    List<OpenClDelegate> delegates = new ArrayList<>();
    List<Interpreter> interpreters = new ArrayList<>();
    try {
      for (String name : names) {
        OpenClDelegate gpu = new OpenClDelegate(VARIANTS.get(name).apply(OpenClOptions.defaults()));
        delegates.add(gpu);
        interpreters.add(new Interpreter(graph, new Interpreter.Options().addDelegate(gpu)));
      }
      List<NdArray> first = interpreters.get(0).runRaw(inputs);
      double[] diffs = new double[n];
      for (int v = 0; v < n; v++) {
        diffs[v] = DeviceBench.maxDiff(first, interpreters.get(v).runRaw(inputs));
      }
      for (int w = 0; w < Math.min(runs, 50); w++) {
        interpreters.forEach(i -> i.runRaw(inputs));
      }
      RunStats[] before = delegates.stream().map(OpenClDelegate::runStats).toArray(RunStats[]::new);
      double[][] ms = new double[n][runs];
      for (int r = 0; r < runs; r++) {
        for (int k = 0; k < n; k++) {
          int v = (r + k) % n;
          long start = System.nanoTime();
          interpreters.get(v).runRaw(inputs);
          ms[v][r] = (System.nanoTime() - start) / 1e6;
        }
      }
      System.out.printf(
          "| variant | median ms | p25 | p75 | host µs per run: upload / enqueue / wait+download"
              + " | max diff vs %s | span µs |%n|---|---|---|---|---|---|---|%n",
          names.get(0));
      for (int v = 0; v < n; v++) {
        double[] sorted = ms[v].clone();
        Arrays.sort(sorted);
        RunStats s = delegates.get(v).runStats().since(before[v]);
        System.out.printf(
            Locale.ROOT,
            "| %s | %.3f | %.3f | %.3f | %.0f / %.0f / %.0f | %.2g | %.0f |%n",
            names.get(v),
            DeviceBench.medianOfSorted(sorted),
            sorted[runs / 4],
            sorted[3 * runs / 4],
            s.uploadNanos() / 1e3 / s.runs(),
            s.enqueueNanos() / 1e3 / s.runs(),
            s.waitAndDownloadNanos() / 1e3 / s.runs(),
            diffs[v],
            s.deviceSpanNanos() / 1e3 / s.runs());
      }
    } finally {
      interpreters.forEach(Interpreter::close);
      delegates.forEach(OpenClDelegate::close);
    }
  }
}
