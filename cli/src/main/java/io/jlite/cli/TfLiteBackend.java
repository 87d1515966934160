package io.jlite.cli;

import io.jlite.ir.Shape;
import io.jlite.tflite.TfLiteRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real TensorFlow Lite, through {@link TfLiteRunner}. */
final class TfLiteBackend implements Backend {
  private final TfLiteRunner runner;

  TfLiteBackend(Path model, int threads) {
    try {
      this.runner = new TfLiteRunner(model, threads);
    } catch (LinkageError e) {
      // The native library is missing or does not load on this platform.
      throw new UserException("TensorFlow Lite is not available here: " + e, e);
    }
  }

  @Override
  public String name() {
    return BackendKind.TFLITE.toString();
  }

  @Override
  public List<TensorInfo> inputs() {
    List<TensorInfo> infos = new ArrayList<>();
    for (int i = 0; i < runner.inputCount(); i++) {
      infos.add(new TensorInfo(runner.inputName(i), Shape.of(runner.inputShape(i))));
    }
    return infos;
  }

  @Override
  public List<TensorInfo> outputs() {
    List<TensorInfo> infos = new ArrayList<>();
    for (int i = 0; i < runner.outputCount(); i++) {
      infos.add(new TensorInfo(runner.outputName(i), Shape.of(runner.outputShape(i))));
    }
    return infos;
  }

  @Override
  public float[][] run(float[][] inputs) {
    try {
      return runner.run(inputs);
    } catch (IllegalStateException e) {
      // TFLite's own failure while invoking the model, with its reason.
      throw new UserException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    runner.close();
  }
}
