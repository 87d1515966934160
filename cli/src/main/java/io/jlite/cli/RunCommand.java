package io.jlite.cli;

import io.jlite.gpu.GpuSettings;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jlite run MODEL --output-dir DIR}: runs the model once and writes output {@code i} to
 * {@code DIR/output_<i>.npy} (float32, with the output's shape), printing one line per output with
 * its name, shape, minimum, maximum and mean.
 *
 * <p>Inputs are {@code .npy} files given in the model's input order (float32, C order, exactly the
 * input's shape), or, without {@code --input}, seeded random values uniform in [-1, 1) (see {@link
 * ModelInputs#random}).
 *
 * <p>With {@code --compare A,B} it writes nothing: it runs the model on both engines and reports
 * the first divergent op ({@link CompareModels}).
 */
@Command(
    name = "run",
    description = "Runs a model once and writes its outputs as .npy files.",
    sortOptions = false)
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "The .tflite model file.")
  Path model;

  @Option(
      names = "--input",
      paramLabel = "FILE.npy",
      description =
          "An input as a float32 .npy file; give one per model input, in the model's order.")
  List<Path> inputFiles = new ArrayList<>();

  @Option(
      names = "--seed",
      defaultValue = "0",
      description =
          "Seed of the random inputs used when no --input is given (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--backend",
      defaultValue = "cpu",
      paramLabel = "cpu|tflite|opencl|gles",
      description =
          "JLite's reference CPU interpreter, real TensorFlow Lite, or JLite on an OpenCL or"
              + " OpenGL ES device (default: ${DEFAULT-VALUE}).")
  BackendKind backend;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Threads for the tflite backend (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description =
          "Where output_<i>.npy are written (created if needed); required unless --compare.")
  Path outputDir;

  @Option(
      names = "--compare",
      split = ",",
      paramLabel = "A,B",
      description =
          "Run on two engines (cpu, tflite, or a GPU backend) and report the first op whose output"
              + " differs beyond tolerance, or 'no divergence'. Exit status 1 when one does.")
  List<String> compare = new ArrayList<>();

  @Mixin GpuFlags gpu = new GpuFlags();

  @Override
  public Integer call() throws IOException {
    BenchCommand.checkThreads(spec, threads);
    ModelInputs.requireFile(model, "model file");
    gpu.requireGpuBackend(spec, compare.isEmpty() ? List.of(backend.toString()) : compare);
    GpuSettings settings = gpu.settings(false);
    PrintWriter out = spec.commandLine().getOut();
    if (!compare.isEmpty()) {
      float[][] inputs;
      try (Backend cpu = BackendKind.CPU.open(model, 1, settings)) {
        inputs =
            inputFiles.isEmpty()
                ? ModelInputs.random(cpu.inputs(), seed)
                : ModelInputs.fromFiles(inputFiles, cpu.inputs());
      }
      int status = CompareModels.compare(model, gpu.providers(compare), inputs, settings, out);
      out.flush();
      return status;
    }
    if (outputDir == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--output-dir=DIR' (or use --compare)");
    }
    try (Backend engine = backend.open(model, threads, settings, gpu.provider(backend))) {
      float[][] inputs =
          inputFiles.isEmpty()
              ? ModelInputs.random(engine.inputs(), seed)
              : ModelInputs.fromFiles(inputFiles, engine.inputs());
      float[][] outputs = engine.run(inputs);
      List<TensorInfo> infos = engine.outputs();
      Files.createDirectories(outputDir);
      for (int i = 0; i < outputs.length; i++) {
        TensorInfo info = infos.get(i);
        Shape shape = info.shape();
        if (shape.numElements() != outputs[i].length) {
          // A shape only known after running (TFLite resizes some outputs): keep the values flat.
          shape = Shape.of(outputs[i].length);
        }
        Path file = outputDir.resolve("output_" + i + ".npy");
        Npy.writeFloat32(file, NdArray.of(shape, outputs[i]));
        out.println(
            "output "
                + i
                + " '"
                + info.name()
                + "' "
                + shape
                + " "
                + summary(outputs[i])
                + " -> "
                + file);
      }
    }
    out.flush();
    return 0;
  }

  /** {@code min=… max=… mean=…} of the values ({@code empty} for none). */
  static String summary(float[] values) {
    if (values.length == 0) {
      return "empty";
    }
    float min = values[0];
    float max = values[0];
    double sum = 0;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return "min=" + min + " max=" + max + " mean=" + (float) (sum / values.length);
  }
}
