package io.jlite.robustness;

import io.jlite.Interpreter;
import io.jlite.JLiteException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.LoaderLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the fuzzer does with each input: load and validate it as a model, prepare an interpreter,
 * and, when the model is small enough to run quickly, run one inference on small inputs. A typed
 * {@link JLiteException} is a clean rejection; anything else that escapes (an unchecked exception,
 * an {@link Error} such as {@link OutOfMemoryError}, or a {@code JLiteException} that merely wraps
 * a bug of JLite's own code) is a finding.
 */
final class ModelFuzzTarget {
  /**
   * Tight limits keep every execution small: one fuzzed file cannot make the fuzzer allocate more
   * than a few hundred MiB, so an {@link OutOfMemoryError} here is a real missing check.
   */
  static final LoaderLimits LIMITS = new LoaderLimits(64L << 20, 256L << 20, 64L << 20);

  /**
   * Models whose intermediate tensors need at most this many bytes run one inference. The real
   * models need more and are only loaded and prepared: a run of one of them takes long enough to
   * cut the fuzzer's executions per second a hundredfold.
   */
  static final long RUN_BUDGET_BYTES = 256L << 10;

  private ModelFuzzTarget() {}

  /** Loads, validates, prepares and (if small) runs {@code model}; throws on a finding. */
  static void exercise(byte[] model) {
    Interpreter.Options options = new Interpreter.Options().setLimits(LIMITS);
    try (Interpreter interpreter = new Interpreter(ByteBuffer.wrap(model), options)) {
      if (interpreter.arenaBytes() <= RUN_BUDGET_BYTES) {
        interpreter.runRaw(smallInputs(interpreter.graph(), model.length));
      }
    } catch (JLiteException e) {
      if (!Rejections.isClean(e)) {
        throw new AssertionError("a bug of JLite surfaced wrapped in a typed exception", e);
      }
    }
  }

  /** Deterministic inputs of the declared shapes: floats in [-2, 2), integers in [0, 4). */
  static List<NdArray> smallInputs(Graph graph, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<NdArray> inputs = new ArrayList<>();
    for (int t : graph.inputs()) {
      TensorSpec spec = graph.tensor(t);
      int n = spec.shape().size();
      if (spec.type().isFloating()) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
          values[i] = (float) (random.nextDouble() * 4 - 2);
        }
        inputs.add(NdArray.ofFloats(spec.type(), spec.shape(), values));
      } else {
        // Small non-negative values: integer inputs are often indices or booleans.
        inputs.add(NdArray.ofInts(spec.type(), spec.shape(), random.ints(n, 0, 4).toArray()));
      }
    }
    return inputs;
  }
}
