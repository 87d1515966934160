package io.jlite.conformance;

import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.loader.ModelLoader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.lite.schema.ModelT;

/**
 * Finds the first op whose output differs between two engines: runs the model on both with every
 * intermediate tensor made a graph output ({@link ModelRewriter#exposeIntermediates}), then walks
 * the ops in execution (topological) order and compares each op's outputs.
 *
 * <p>Tolerance: op {@code i} (0-based) is compared with {@link Tolerance#relativeBound(
 * java.util.Collection, Tolerance.Precision)} of ops 0..i, the graph rule: rounding differences
 * that entered upstream grow along the way by at most about one op's bound per op, while an op that
 * computes something else jumps far beyond at its own output.
 */
public final class Divergence {
  private Divergence() {}

  /** An engine: real TFLite, or a JLite backend. */
  public sealed interface Engine permits TfLite, JLite {
    String name();

    Tolerance.Precision precision();
  }

  /** Real TensorFlow Lite. */
  public record TfLite() implements Engine {
    @Override
    public String name() {
      return "tflite";
    }

    @Override
    public Tolerance.Precision precision() {
      return Tolerance.Precision.FP32;
    }
  }

  /** JLite on one backend. */
  public record JLite(ConformanceBackend backend) implements Engine {
    @Override
    public String name() {
      return backend.name();
    }

    @Override
    public Tolerance.Precision precision() {
      return backend.precision();
    }
  }

  /** {@code tflite}, {@code cpu}, or the name of a backend on the class path. */
  public static Engine engine(String name) {
    return name.equals("tflite") ? new TfLite() : new JLite(ConformanceBackend.named(name));
  }

  /**
   * The first op whose output differs beyond tolerance.
   *
   * @param opIndex index in the model's operator list
   * @param opName TFLite name
   * @param options the op with its options, as JLite reads them
   * @param tensor index and name of the output tensor that differs
   * @param comparison how much it differs ({@code a} is the expected side)
   */
  public record Found(
      int opIndex,
      String opName,
      String options,
      int tensor,
      String tensorName,
      List<Integer> shape,
      Tolerance.Comparison comparison) {
    /** One line for the command line. */
    public String describe(String a, String b) {
      return String.format(
          Locale.ROOT,
          "first divergent op: #%d %s %s%n  output tensor #%d '%s' %s%n  max abs error %.6g at"
              + " element %d (%s %.9g, %s %.9g), mean abs error %.6g, bound %.6g",
          opIndex,
          opName,
          options,
          tensor,
          tensorName,
          shape,
          comparison.maxAbsError(),
          comparison.worstIndex(),
          a,
          comparison.expectedAtWorst(),
          b,
          comparison.actualAtWorst(),
          comparison.meanAbsError(),
          comparison.bound());
    }
  }

  /**
   * Runs {@code model} on both engines with the same inputs and returns the first divergent op, or
   * empty when every op output agrees.
   *
   * @param inputs flat row-major values for each model input
   */
  public static Optional<Found> find(byte[] model, float[][] inputs, Engine a, Engine b) {
    return find(model, model, inputs, a, b);
  }

  /**
   * Like {@link #find(byte[], float[][], Engine, Engine)}, with engine {@code a} running {@code
   * modelA} and {@code b} running {@code modelB}: two versions of one model with the same tensors
   * and ops (for example one with a perturbed weight). Ops are described as in {@code modelB}.
   */
  public static Optional<Found> find(
      byte[] modelA, byte[] modelB, float[][] inputs, Engine a, Engine b) {
    TfLiteOracle.Result tfliteA = TfLiteOracle.run(modelA, inputs);
    TfLiteOracle.Result shapes = modelA == modelB ? tfliteA : TfLiteOracle.run(modelB, inputs);
    Map<Integer, float[]> valuesA = run(a, tfliteA, inputs);
    Map<Integer, float[]> valuesB = run(b, shapes, inputs);
    Graph graph = ModelLoader.standard().load(ByteBuffer.wrap(modelB), "model");
    Map<Integer, int[]> shapeOf = new HashMap<>();
    for (int i = 0; i < shapes.tensors().size(); i++) {
      shapeOf.put(shapes.tensors().get(i), shapes.shapes().get(i));
    }
    List<String> opsSoFar = new ArrayList<>();
    for (Node node : graph.nodes()) {
      opsSoFar.add(node.opName());
      double relative =
          Math.max(
              Tolerance.relativeBound(opsSoFar, a.precision()),
              Tolerance.relativeBound(opsSoFar, b.precision()));
      for (int t : node.outputs()) {
        float[] x = valuesA.get(t);
        float[] y = valuesB.get(t);
        if (x == null || y == null) {
          continue;
        }
        Tolerance.Comparison c =
            x.length == y.length
                ? Tolerance.compare(x, y, relative)
                : new Tolerance.Comparison(
                    Double.POSITIVE_INFINITY, -1, Float.NaN, Float.NaN, 0, 0, Double.NaN);
        if (!c.withinBound()) {
          return Optional.of(
              new Found(
                  node.index(),
                  node.opName(),
                  String.valueOf(node.op()),
                  t,
                  graph.tensor(t).name(),
                  Arrays.stream(shapeOf.getOrDefault(t, new int[0])).boxed().toList(),
                  c));
        }
      }
    }
    return Optional.empty();
  }

  /** Every op output of the model on {@code engine}, by tensor index. */
  private static Map<Integer, float[]> run(
      Engine engine, TfLiteOracle.Result tflite, float[][] inputs) {
    Map<Integer, float[]> values = new HashMap<>();
    if (engine instanceof TfLite) {
      for (int i = 0; i < tflite.tensors().size(); i++) {
        values.put(tflite.tensors().get(i), tflite.values().get(i));
      }
      return values;
    }
    ConformanceBackend backend = ((JLite) engine).backend();
    ModelT exposed = ModelRewriter.read(ByteBuffer.wrap(tflite.patchedModel()));
    int[] outputs = ModelRewriter.exposeIntermediates(exposed);
    try (ConformanceBackend.Loaded loaded = backend.load(ModelRewriter.write(exposed))) {
      List<NdArray> in = new ArrayList<>();
      for (int i = 0; i < inputs.length; i++) {
        int[] shape = loaded.interpreter().getInputTensor(i).shape();
        in.add(NdArray.of(Shape.of(shape), inputs[i].clone()));
      }
      List<NdArray> out = loaded.interpreter().runRaw(in);
      for (int i = 0; i < outputs.length; i++) {
        values.put(outputs[i], CaseRunner.floats(out.get(i)));
      }
    }
    return values;
  }
}
