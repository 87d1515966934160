package io.jlite.bench;

import io.jlite.Interpreter;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH: JLite's reference CPU interpreter against TensorFlow Lite (bytedeco, XNNPACK, one thread:
 * the reference interpreter uses one) on the same model and the same seeded inputs, in one JMH run,
 * so the ratio of the two scores compares like with like on this machine.
 *
 * <p>{@link #main} runs both benchmarks and prints the ratio; JMH's own options (e.g. {@code -f 1
 * -wi 2 -i 3 -p model=hand_landmark_lite}) pass through. {@code org.openjdk.jmh.Main
 * CpuVsTfLiteBenchmark} runs them without the ratio. The model is a path or a name in {@code
 * models/manifest.tsv}, looked up in the model cache ({@link ModelCatalog}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CpuVsTfLiteBenchmark {
  /** The model: a path or a manifest name. */
  @Param("face_detection_short_range")
  public String model;

  private Interpreter jlite;
  private XnnpackRunner tflite;
  private List<NdArray> inputs;
  private float[][] flatInputs;

  /** Loads the model on both engines and makes the inputs (DeviceBench's, seed 42). */
  @Setup(Level.Trial)
  public void load() {
    Path file = Path.of(model);
    if (!Files.isRegularFile(file)) {
      file = ModelCatalog.standard().path(model);
    }
    Graph graph = ModelLoader.standard().load(file);
    inputs = DeviceBench.randomInputs(graph, 42);
    flatInputs = inputs.stream().map(NdArray::floats).toArray(float[][]::new);
    jlite = new Interpreter(graph, new Interpreter.Options());
    tflite = new XnnpackRunner(file, 1, graph.outputs().size());
  }

  /** One run of JLite's reference CPU interpreter; JMH consumes the result. */
  @Benchmark
  public List<NdArray> referenceCpu() {
    return jlite.runRaw(inputs);
  }

  /** One run of TensorFlow Lite with XNNPACK on one thread; JMH consumes the result. */
  @Benchmark
  public float[][] tfliteXnnpack() {
    return tflite.run(flatInputs);
  }

  @TearDown(Level.Trial)
  public void close() {
    jlite.close();
    tflite.close();
  }

  /**
   * Runs both benchmarks and prints {@code referenceCpu / tfliteXnnpack} of their mean times.
   *
   * @param args JMH command line options (the benchmark selection is fixed)
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    OptionsBuilder options = new OptionsBuilder();
    options.parent(new CommandLineOptions(args));
    options.include(CpuVsTfLiteBenchmark.class.getName() + "\\.");
    Collection<RunResult> results = new Runner(options.build()).run();
    double cpu = Double.NaN;
    double tfl = Double.NaN;
    String unit = "";
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      unit = r.getPrimaryResult().getScoreUnit();
      if (r.getParams().getBenchmark().endsWith(".referenceCpu")) {
        cpu = score;
      } else {
        tfl = score;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nreference CPU %.3f %s, TFLite XNNPACK 1 thread %.3f %s: reference CPU / TFLite = %.1fx%n",
        cpu,
        unit,
        tfl,
        unit,
        cpu / tfl);
  }
}
