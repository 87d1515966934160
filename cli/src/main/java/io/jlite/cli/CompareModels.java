package io.jlite.cli;

import io.jlite.conformance.Divergence;
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
   * @return 0 for no divergence, 1 when an op diverges
   */
  static int compare(Path model, List<String> engines, float[][] inputs, PrintWriter out)
      throws IOException {
    if (engines.size() != 2 || engines.get(0).equals(engines.get(1))) {
      throw new UserException(
          "--compare takes two different engines, e.g. --compare cpu,tflite; got " + engines);
    }
    Divergence.Engine a;
    Divergence.Engine b;
    try {
      a = Divergence.engine(engines.get(0));
      b = Divergence.engine(engines.get(1));
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
}
