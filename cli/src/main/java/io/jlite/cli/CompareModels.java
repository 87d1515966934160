package io.jlite.cli;

import io.jlite.conformance.ConformanceBackend;
import io.jlite.conformance.Divergence;
import io.jlite.conformance.Tolerance;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;
import io.jlite.gpu.plan.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code jlite run MODEL --compare A,B}: runs the model on two engines with the same inputs and
 * reports the first op, in execution order, whose output differs beyond the conformance tolerance
 * (see {@link Divergence}), or "no divergence".
 */
final class CompareModels {
  private CompareModels() {}

  /**
   * Compares and prints the result.
   *
   * @param gpu the delegate settings of the GPU engines
   * @return 0 for no divergence, 1 when an op diverges
   */
  static int compare(
      Path model, List<String> engines, float[][] inputs, GpuSettings gpu, PrintWriter out)
      throws IOException {
    if (engines.size() != 2 || engines.get(0).equals(engines.get(1))) {
      throw new UserException(
          "--compare takes two different engines, e.g. --compare cpu,tflite; got " + engines);
    }
    Divergence.Engine a;
    Divergence.Engine b;
    try {
      a = engine(engines.get(0), gpu);
      b = engine(engines.get(1), gpu);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    byte[] bytes = Files.readAllBytes(model);
    Optional<Divergence.Found> found = Divergence.find(bytes, inputs, a, b);
    if (found.isEmpty()) {
      out.println(
          "no divergence: every op output of "
              + model.getFileName()
              + " agrees between "
              + a.name()
              + " and "
              + b.name()
              + " within tolerance");
      return 0;
    }
    out.println(found.get().describe(a.name(), b.name()));
    return 1;
  }

  /**
   * The conformance engine {@code name}; a GPU backend's makes its delegates with {@code gpu}, and
   * with fp16 storage is held to the fp16 tolerance.
   */
  private static Divergence.Engine engine(String name, GpuSettings gpu) {
    Divergence.Engine engine = Divergence.engine(name);
    if (engine instanceof Divergence.JLite jlite
        && jlite.backend().provider().orElse(null) instanceof GpuDelegateProvider provider) {
      Tolerance.Precision precision =
          gpu.precision() == Precision.FP16 ? Tolerance.Precision.FP16 : Tolerance.Precision.FP32;
      return new Divergence.JLite(
          new ConformanceBackend(name, Optional.of(provider.with(gpu)), precision));
    }
    return engine;
  }
}
