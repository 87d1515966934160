package io.jlite.cli;

import java.util.List;

/**
 * A loaded model on one engine, as {@code jlite run} and {@code jlite bench} use it: float32
 * tensors in, float32 tensors out, each a flat array in C order.
 */
interface Backend extends AutoCloseable {

  /** The backend's name as the user spells it ({@code cpu}, {@code tflite}). */
  String name();

  /** The model's inputs, in the model's order. */
  List<TensorInfo> inputs();

  /** The model's outputs, in the model's order. */
  List<TensorInfo> outputs();

  /**
   * Runs the model once. {@code inputs[i]} holds input {@code i}, with as many elements as its
   * shape; the result holds output {@code i} at index {@code i}.
   */
  float[][] run(float[][] inputs);

  @Override
  void close();
}
