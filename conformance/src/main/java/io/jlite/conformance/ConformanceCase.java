package io.jlite.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One generated test case: a model written by {@link ModelWriter} and its input values.
 *
 * <p>Shapes of op outputs may be left undeclared ({@code []}) in the model: {@link CaseRunner}
 * takes them from TensorFlow Lite, the oracle, before the backend under test loads the model. Its
 * {@link #toString()} is the configuration the generator chose (what jqwik prints for a shrunk
 * counterexample), the input shapes and the data seed.
 */
public final class ConformanceCase {
  private final List<String> ops;
  private final String description;
  private final byte[] model;
  private final float[][] inputs;
  private final List<int[]> inputShapes;

  /**
   * @param ops the ops of the model in execution order (their names, for the tolerance)
   * @param description the generator's configuration, complete enough to rebuild the case
   * @param model the {@code .tflite} bytes
   * @param inputShapes the shape of each graph input
   * @param inputs flat row-major values of each graph input
   */
  public ConformanceCase(
      List<String> ops,
      String description,
      byte[] model,
      List<int[]> inputShapes,
      float[][] inputs) {
    this.ops = List.copyOf(ops);
    this.description = description;
    this.model = model.clone();
    List<int[]> shapes = new ArrayList<>();
    for (int[] s : inputShapes) {
      shapes.add(s.clone());
    }
    this.inputShapes = List.copyOf(shapes);
    this.inputs = new float[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      this.inputs[i] = inputs[i].clone();
    }
  }

  public List<String> ops() {
    return ops;
  }

  public String description() {
    return description;
  }

  /** A copy of the model bytes. */
  public byte[] model() {
    return model.clone();
  }

  /** A copy of the input values. */
  public float[][] inputs() {
    float[][] copy = new float[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      copy[i] = inputs[i].clone();
    }
    return copy;
  }

  /** The shape of graph input {@code i}. */
  public int[] inputShape(int i) {
    return inputShapes.get(i).clone();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(description).append(" inputs");
    for (int[] shape : inputShapes) {
      s.append(' ').append(Arrays.toString(shape));
    }
    return s.toString();
  }
}
