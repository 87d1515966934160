package io.jlite.bench;

import java.nio.file.Path;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithXNNPACK;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TensorFlow Lite on the CPU with the XNNPACK delegate, the fastest CPU peer: the C++ API's {@code
 * InterpreterBuilder} with {@code BuiltinOpResolverWithXNNPACK}, which applies XNNPACK with the
 * builder's thread count (the C API used by {@code tflite-peer} runs TFLite's default kernels).
 * Inputs and outputs are float32.
 */
final class XnnpackRunner implements AutoCloseable {
  private final FlatBufferModel model;
  private final BuiltinOpResolverWithXNNPACK resolver;
  private final InterpreterBuilder builder;
  private final Interpreter interpreter;

  private final int outputCount;

  XnnpackRunner(Path file, int threads, int outputCount) {
    this.outputCount = outputCount;
    Loader.load(tensorflowlite.class);
    model = FlatBufferModel.BuildFromFile(file.toString());
    if (model == null || model.isNull()) {
      throw new IllegalStateException("TFLite cannot load " + file);
    }
    resolver = new BuiltinOpResolverWithXNNPACK(true);
    builder = new InterpreterBuilder(model, resolver);
    interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
    if (builder.apply(interpreter, threads) != tensorflowlite.kTfLiteOk
        || interpreter.isNull()
        || interpreter.AllocateTensors() != tensorflowlite.kTfLiteOk) {
      throw new IllegalStateException("TFLite cannot build an interpreter for " + file);
    }
  }

  float[][] run(float[][] inputs) {
    for (int i = 0; i < inputs.length; i++) {
      FloatPointer input = interpreter.typed_input_tensor_float(i);
      input.put(inputs[i]);
    }
    if (interpreter.Invoke() != tensorflowlite.kTfLiteOk) {
      throw new IllegalStateException("TFLite Invoke failed");
    }
    float[][] out = new float[outputCount][];
    for (int i = 0; i < outputCount; i++) {
      long bytes = interpreter.output_tensor(i).bytes();
      out[i] = new float[(int) (bytes / Float.BYTES)];
      interpreter.typed_output_tensor_float(i).get(out[i]);
    }
    return out;
  }

  @Override
  public void close() {
    interpreter.close();
    builder.close();
    resolver.close();
    model.close();
  }
}
