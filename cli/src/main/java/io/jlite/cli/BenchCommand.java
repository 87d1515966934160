package io.jlite.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jlite bench MODEL}: times the model on each backend with the same seeded random inputs
 * (see {@link ModelInputs#random}): {@code --warmup} untimed runs, then {@code --runs} timed ones.
 * Prints the median, 10th and 90th percentile latency per backend (see {@link LatencyStats}), then,
 * for two or more backends, the ratio of each median to the last backend's and the largest absolute
 * difference between their outputs. A progress bar is drawn on stderr when the system property
 * {@code jlite.progress} is {@code true}, which the {@code jlite} launcher sets when stderr is a
 * terminal; stdout holds only the results.
 *
 * <p>{@link GpuFlags} set the GPU backends' delegate options; {@code --profile} adds the device
 * time of the slowest OpenCL kernels over the timed runs ({@link KernelReport}).
 */
@Command(
    name = "bench",
    description = "Times a model on JLite (CPU, OpenCL or OpenGL ES) and on TensorFlow Lite.",
    sortOptions = false)
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "The .tflite model file.")
  Path model;

  @Option(
      names = "--backend",
      split = ",",
      defaultValue = "cpu,tflite",
      paramLabel = "cpu|tflite|opencl|gles",
      description = "Backends to time, comma-separated (default: ${DEFAULT-VALUE}).")
  List<BackendKind> backends;

  @Option(
      names = "--runs",
      defaultValue = "50",
      description = "Timed runs per backend (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description = "Untimed runs per backend before timing (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Threads for the tflite backend (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin GpuFlags gpu = new GpuFlags();

  @Option(
      names = "--profile",
      description =
          "Time every OpenCL kernel on the device (needs the opencl backend) and print the"
              + " slowest, in device time per timed run; the opencl latency then includes the"
              + " profiling's overhead.")
  boolean profile;

  /** One backend's result; {@code kernels} only for opencl with --profile. */
  private record Result(
      String backend,
      int threads,
      LatencyStats stats,
      List<float[]> outputs,
      List<KernelReport.Row> kernels) {}

  @Override
  public Integer call() {
    if (runs < 1 || warmup < 0) {
      throw new ParameterException(
          spec.commandLine(), "--runs must be at least 1 and --warmup at least 0");
    }
    checkThreads(spec, threads);
    List<BackendKind> kinds = new ArrayList<>(new LinkedHashSet<>(backends));
    if (kinds.size() != backends.size()) {
      throw new ParameterException(spec.commandLine(), "--backend lists a backend twice");
    }
    List<String> names = kinds.stream().map(BackendKind::toString).toList();
    gpu.requireGpuBackend(spec, names);
    if (profile && !kinds.contains(BackendKind.OPENCL)) {
      throw new ParameterException(
          spec.commandLine(), "--profile needs the opencl backend; got " + String.join(",", names));
    }
    ModelInputs.requireFile(model, "model file");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The launcher sets this when stderr is a terminal (Java 17 cannot tell for stderr alone).
    boolean progress = Boolean.getBoolean("jlite.progress");

    List<Result> results = new ArrayList<>();
    List<TensorInfo> inputInfos = null;
    float[][] inputs = null;
    for (BackendKind kind : kinds) {
      boolean profiled = profile && kind == BackendKind.OPENCL;
      try (Backend engine = kind.open(model, threads, gpu.settings(profiled), gpu.provider(kind))) {
        if (inputs == null) {
          inputInfos = engine.inputs();
          inputs = ModelInputs.random(inputInfos, seed);
        } else {
          checkSameInputs(results.get(0).backend(), inputInfos, engine);
        }
        ProgressBar bar =
            new ProgressBar(err, progress, String.format("%-6s", kind), warmup + runs);
        float[][] outputs = null;
        for (int i = 0; i < warmup; i++) {
          outputs = engine.run(inputs);
          bar.update(i + 1);
        }
        Optional<KernelReport> report =
            profiled ? Optional.of(KernelReport.start(engine)) : Optional.empty();
        double[] samples = new double[runs];
        for (int i = 0; i < runs; i++) {
          long start = System.nanoTime();
          outputs = engine.run(inputs);
          samples[i] = (System.nanoTime() - start) / 1e6;
          bar.update(warmup + i + 1);
        }
        bar.finish();
        int engineThreads = kind == BackendKind.TFLITE ? threads : 1;
        results.add(
            new Result(
                kind.toString(),
                engineThreads,
                LatencyStats.of(samples),
                List.of(outputs),
                report.map(r -> r.since(engine)).orElse(List.of())));
      }
    }
    print(out, inputInfos, results);
    return 0;
  }

  private void print(PrintWriter out, List<TensorInfo> inputs, List<Result> results) {
    out.println("model: " + model + "  inputs: " + shapes(inputs) + " (seed " + seed + ")");
    Table table =
        new Table("")
            .header("backend", "threads", "runs", "median ms", "p10 ms", "p90 ms")
            .alignRight(3, 4, 5);
    for (Result r : results) {
      table.row(
          r.backend(),
          r.threads(),
          r.stats().runs(),
          millis(r.stats().median()),
          millis(r.stats().p10()),
          millis(r.stats().p90()));
    }
    table.print(out);
    Result last = results.get(results.size() - 1);
    for (Result r : results.subList(0, results.size() - 1)) {
      double ratio = r.stats().median() / last.stats().median();
      String digits = ratio >= 10 ? "%.0f" : ratio >= 1 ? "%.1f" : "%.2f";
      out.println(
          r.backend()
              + "/"
              + last.backend()
              + " = "
              + String.format(Locale.ROOT, digits, ratio)
              + "x (median)");
      out.println("max |" + r.backend() + " - " + last.backend() + "| = " + maxDifference(r, last));
    }
    for (Result r : results) {
      if (!r.kernels().isEmpty()) {
        KernelReport.print(out, r.kernels(), r.stats().runs());
      }
    }
    out.flush();
  }

  /** The largest absolute difference between two backends' outputs, as text. */
  private static String maxDifference(Result a, Result b) {
    if (a.outputs().size() != b.outputs().size()) {
      return "n/a (different output counts)";
    }
    double max = 0;
    for (int i = 0; i < a.outputs().size(); i++) {
      float[] x = a.outputs().get(i);
      float[] y = b.outputs().get(i);
      if (x.length != y.length) {
        return "n/a (output " + i + " sizes differ)";
      }
      for (int j = 0; j < x.length; j++) {
        double d = Math.abs((double) x[j] - y[j]);
        max = Double.isNaN(d) ? Double.NaN : Math.max(max, d);
      }
    }
    return String.format(Locale.ROOT, "%.3g", max);
  }

  private static void checkSameInputs(String first, List<TensorInfo> expected, Backend engine) {
    List<TensorInfo> actual = engine.inputs();
    boolean same = actual.size() == expected.size();
    for (int i = 0; same && i < actual.size(); i++) {
      same = actual.get(i).shape().equals(expected.get(i).shape());
    }
    if (!same) {
      throw new UserException(
          engine.name() + " sees inputs " + shapes(actual) + ", " + first + " " + shapes(expected));
    }
  }

  private static String shapes(List<TensorInfo> infos) {
    List<String> s = new ArrayList<>();
    for (TensorInfo info : infos) {
      s.add(info.shape().toString());
    }
    return String.join(" ", s);
  }

  private static String millis(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms);
  }

  /** Rejects a thread count below 1 as a usage error. */
  static void checkThreads(CommandSpec spec, int threads) {
    if (threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
  }
}
