package io.jlite.cli;

import io.jlite.ir.NdArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** The input values {@code jlite run} and {@code jlite bench} feed a model. */
final class ModelInputs {
  private ModelInputs() {}

  /**
   * Seeded random inputs: one {@link SplittableRandom} created from {@code seed} fills input 0,
   * then input 1, and so on, each in C order, with values uniform in [-1, 1). The same seed and
   * shapes always give the same values, on every backend.
   */
  static float[][] random(List<TensorInfo> inputs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] values = new float[inputs.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = new float[inputs.get(i).shape().size()];
      for (int j = 0; j < values[i].length; j++) {
        values[i][j] = (float) random.nextDouble(-1.0, 1.0);
      }
    }
    return values;
  }

  /**
   * Reads one {@code .npy} file per input, in the model's input order; each must be float32 with
   * exactly the input's shape.
   */
  static float[][] fromFiles(List<Path> files, List<TensorInfo> inputs) throws IOException {
    if (files.size() != inputs.size()) {
      throw new UserException(
          "the model has "
              + inputs.size()
              + " input(s), "
              + files.size()
              + " --input file(s) given");
    }
    float[][] values = new float[inputs.size()][];
    for (int i = 0; i < values.length; i++) {
      Path file = files.get(i);
      requireFile(file, "input file");
      NdArray array = Npy.readFloat32(file);
      TensorInfo input = inputs.get(i);
      if (!array.shape().equals(input.shape())) {
        throw new UserException(
            file
                + ": shape "
                + array.shape()
                + " does not match input "
                + i
                + " '"
                + input.name()
                + "', expected shape "
                + input.shape());
      }
      values[i] = array.floats();
    }
    return values;
  }

  /** Fails with a one-line message unless {@code file} is a readable regular file. */
  static void requireFile(Path file, String what) {
    if (!Files.exists(file)) {
      throw new UserException(what + " not found: " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UserException(what + " is not a readable file: " + file);
    }
  }
}
