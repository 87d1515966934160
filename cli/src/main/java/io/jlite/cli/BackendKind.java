package io.jlite.cli;

import io.jlite.gpu.GpuSettings;
import java.nio.file.Path;
import java.util.Locale;

/** The engines the command line can run a model on. */
enum BackendKind {
  /** JLite's pure-Java reference interpreter. */
  CPU,
  /** Real TensorFlow Lite (through bytedeco), as a reference and a benchmark peer. */
  TFLITE,
  /**
   * JLite with the OpenCL delegate ({@code desktop-gpu}); the ops it cannot run stay on the CPU.
   */
  OPENCL,
  /**
   * JLite with the OpenGL ES 3.1 delegate ({@code gles-delegate}); the ops it cannot run stay on
   * the CPU.
   */
  GLES;

  /**
   * Loads {@code model} on this backend.
   *
   * @param threads threads for TensorFlow Lite's CPU kernels; JLite's reference interpreter always
   *     uses one
   * @param gpu the delegate settings of the GPU backends; the others ignore them
   */
  Backend open(Path model, int threads, GpuSettings gpu) {
    return open(model, threads, gpu, toString());
  }

  /**
   * Loads {@code model} on this backend, a GPU backend's delegate made by the provider named {@code
   * provider} (e.g. {@code gles-textures} for gles; see {@link GpuFlags#provider}).
   */
  Backend open(Path model, int threads, GpuSettings gpu, String provider) {
    return switch (this) {
      case CPU -> new CpuBackend(model);
      case TFLITE -> new TfLiteBackend(model, threads);
      case OPENCL, GLES -> CpuBackend.withDelegate(model, provider, gpu);
    };
  }

  /** The name as given on the command line. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
