package io.jlite.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterAllocateTensors;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterCreate;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterDelete;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterGetInputTensor;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterGetInputTensorCount;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterGetOutputTensor;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterGetOutputTensorCount;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterInvoke;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsCreate;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsDelete;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsSetErrorReporter;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteInterpreterOptionsSetNumThreads;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelCreateWithErrorReporter;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelDelete;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorByteSize;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorCopyFromBuffer;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorCopyToBuffer;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorDim;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorName;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorNumDims;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorType;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTypeGetName;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * Runs a model on real TensorFlow Lite (the bytedeco JavaCPP build of TFLite 2.21, through its C
 * API: {@code TfLiteModelCreate}, {@code TfLiteInterpreterCreate}, {@code
 * TfLiteInterpreterInvoke}). It is the oracle of the conformance suite and the peer of the
 * benchmarks; the JLite library never depends on it.
 *
 * <p>The interpreter is what {@code TfLiteInterpreterCreate} builds: TFLite's builtin op resolver
 * with its default delegate, which in this build is XNNPACK for float graphs (as in TFLite's own
 * Java {@code Interpreter}). Custom ops are not registered, so a model that needs one (for example
 * MediaPipe's {@code Convolution2DTransposeBias}) is rejected by the constructor with TFLite's
 * message.
 *
 * <p>Values cross as flat row-major {@code float[]}s: FLOAT32 tensors are copied as they are, INT32
 * tensors are converted. Not thread-safe beyond the synchronization of its methods.
 */
public final class TfLiteRunner implements AutoCloseable {
  static {
    Loader.load(tensorflowlite.class);
  }

  /** TFLite does not copy the model: these bytes must live as long as the interpreter. */
  private final BytePointer modelData;

  /** Identifies this runner's messages to the shared error reporter. */
  private final BytePointer reporterToken;

  private final TfLiteModel model;
  private final TfLiteInterpreterOptions options;
  private final TfLiteInterpreter interpreter;
  private final TensorInfo[] inputs;
  private final TensorInfo[] outputs;
  private boolean closed;

  /** Name, TFLite type code and dimensions of an input or output tensor. */
  private static final class TensorInfo {
    private final String name;
    private final int type;
    private final int[] dims;

    TensorInfo(String name, int type, int[] dims) {
      this.name = name;
      this.type = type;
      this.dims = dims;
    }

    String name() {
      return name;
    }

    int type() {
      return type;
    }

    int[] dims() {
      return dims.clone();
    }

    int size() {
      int n = 1;
      for (int d : dims) {
        n = Math.multiplyExact(n, d);
      }
      return n;
    }

    String describe() {
      return "'" + name + "' " + typeName(type) + Arrays.toString(dims);
    }
  }

  /**
   * Loads the model and prepares an interpreter with {@code numThreads} threads.
   *
   * @throws IllegalArgumentException with TFLite's reason when TFLite cannot load or prepare the
   *     model (a malformed file, an unresolved custom op, an op version it does not know, ...)
   */
  public TfLiteRunner(byte[] model, int numThreads) {
    Objects.requireNonNull(model, "model");
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be at least 1, got " + numThreads);
    }
    NativeErrorReporter reporter = NativeErrorReporter.instance();
    this.reporterToken = new BytePointer(1);
    reporter.register(reporterToken);
    this.modelData = new BytePointer(model);
    TfLiteModel m = null;
    TfLiteInterpreterOptions o = null;
    TfLiteInterpreter interp = null;
    try {
      m = TfLiteModelCreateWithErrorReporter(modelData, model.length, reporter, reporterToken);
      if (isNull(m)) {
        throw new IllegalArgumentException(
            "TFLite cannot load the model: " + reason(reporter.drain(reporterToken)));
      }
      o = TfLiteInterpreterOptionsCreate();
      TfLiteInterpreterOptionsSetNumThreads(o, numThreads);
      TfLiteInterpreterOptionsSetErrorReporter(o, reporter, reporterToken);
      interp = TfLiteInterpreterCreate(m, o);
      if (isNull(interp)) {
        throw new IllegalArgumentException(
            "TFLite cannot build an interpreter for the model: "
                + reason(reporter.drain(reporterToken)));
      }
      // Unresolved custom ops and bad shapes are found here, when every node is prepared.
      if (TfLiteInterpreterAllocateTensors(interp) != kTfLiteOk) {
        throw new IllegalArgumentException(
            "TFLite cannot prepare the model: " + reason(reporter.drain(reporterToken)));
      }
      this.inputs = new TensorInfo[TfLiteInterpreterGetInputTensorCount(interp)];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = info(TfLiteInterpreterGetInputTensor(interp, i));
      }
      this.outputs = new TensorInfo[TfLiteInterpreterGetOutputTensorCount(interp)];
      for (int i = 0; i < outputs.length; i++) {
        outputs[i] = info(TfLiteInterpreterGetOutputTensor(interp, i));
      }
    } catch (RuntimeException | Error e) {
      if (!isNull(interp)) {
        TfLiteInterpreterDelete(interp);
      }
      if (!isNull(o)) {
        TfLiteInterpreterOptionsDelete(o);
      }
      if (!isNull(m)) {
        TfLiteModelDelete(m);
      }
      modelData.close();
      reporter.unregister(reporterToken);
      reporterToken.close();
      throw e;
    }
    this.model = m;
    this.options = o;
    this.interpreter = interp;
  }

  /** Reads the model file and loads it as {@link #TfLiteRunner(byte[], int)} does. */
  public TfLiteRunner(Path model, int numThreads) {
    this(readAll(model), numThreads);
  }

  private static byte[] readAll(Path model) {
    try {
      return Files.readAllBytes(model);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + model, e);
    }
  }

  public synchronized int inputCount() {
    checkOpen();
    return inputs.length;
  }

  public synchronized int outputCount() {
    checkOpen();
    return outputs.length;
  }

  public synchronized int[] inputShape(int i) {
    checkOpen();
    return inputs[Objects.checkIndex(i, inputs.length)].dims();
  }

  public synchronized int[] outputShape(int i) {
    checkOpen();
    return outputs[Objects.checkIndex(i, outputs.length)].dims();
  }

  public synchronized String inputName(int i) {
    checkOpen();
    return inputs[Objects.checkIndex(i, inputs.length)].name();
  }

  public synchronized String outputName(int i) {
    checkOpen();
    return outputs[Objects.checkIndex(i, outputs.length)].name();
  }

  /**
   * Runs the model once.
   *
   * @param inputValues one flat row-major array per input tensor, of exactly its element count;
   *     values for INT32 inputs must be whole numbers
   * @return one flat row-major array per output tensor (INT32 outputs converted to float)
   * @throws IllegalArgumentException if the inputs do not match the model's inputs
   * @throws IllegalStateException if TFLite fails while running (with its reason)
   */
  public synchronized float[][] run(float[][] inputValues) {
    checkOpen();
    Objects.requireNonNull(inputValues, "inputs");
    if (inputValues.length != inputs.length) {
      throw new IllegalArgumentException(
          "model has " + inputs.length + " inputs, given " + inputValues.length);
    }
    for (int i = 0; i < inputs.length; i++) {
      copyIn(i, Objects.requireNonNull(inputValues[i], "inputs[" + i + "]"));
    }
    NativeErrorReporter reporter = NativeErrorReporter.instance();
    reporter.drain(reporterToken);
    if (TfLiteInterpreterInvoke(interpreter) != kTfLiteOk) {
      throw new IllegalStateException(
          "TFLite failed to run the model: " + reason(reporter.drain(reporterToken)));
    }
    float[][] results = new float[outputs.length][];
    for (int i = 0; i < outputs.length; i++) {
      results[i] = copyOut(i);
    }
    return results;
  }

  private void copyIn(int i, float[] values) {
    TensorInfo info = inputs[i];
    TfLiteTensor tensor = TfLiteInterpreterGetInputTensor(interpreter, i);
    if (values.length != info.size()) {
      throw new IllegalArgumentException(
          "input "
              + i
              + " "
              + info.describe()
              + " has "
              + info.size()
              + " elements, given "
              + values.length);
    }
    long bytes = TfLiteTensorByteSize(tensor);
    int status;
    if (info.type() == kTfLiteFloat32) {
      try (FloatPointer data = new FloatPointer(values)) {
        status = TfLiteTensorCopyFromBuffer(tensor, data, bytes);
      }
    } else if (info.type() == kTfLiteInt32) {
      int[] ints = new int[values.length];
      for (int k = 0; k < values.length; k++) {
        ints[k] = (int) values[k];
        if (ints[k] != values[k]) {
          throw new IllegalArgumentException(
              "input "
                  + i
                  + " "
                  + info.describe()
                  + " is INT32 but element "
                  + k
                  + " is "
                  + values[k]);
        }
      }
      try (IntPointer data = new IntPointer(ints)) {
        status = TfLiteTensorCopyFromBuffer(tensor, data, bytes);
      }
    } else {
      throw new IllegalArgumentException(
          "input " + i + " " + info.describe() + ": only FLOAT32 and INT32 inputs are supported");
    }
    if (status != kTfLiteOk) {
      throw new IllegalStateException(
          "TFLite cannot copy input "
              + i
              + ": "
              + reason(NativeErrorReporter.instance().drain(reporterToken)));
    }
  }

  private float[] copyOut(int i) {
    TfLiteTensor tensor = TfLiteInterpreterGetOutputTensor(interpreter, i);
    // Read the shape again: TFLite may resize outputs while running.
    TensorInfo info = info(tensor);
    int n = info.size();
    long bytes = TfLiteTensorByteSize(tensor);
    float[] result = new float[n];
    int status;
    if (info.type() == kTfLiteFloat32) {
      try (FloatPointer data = new FloatPointer(n)) {
        status = TfLiteTensorCopyToBuffer(tensor, data, bytes);
        data.get(result);
      }
    } else if (info.type() == kTfLiteInt32) {
      int[] ints = new int[n];
      try (IntPointer data = new IntPointer(n)) {
        status = TfLiteTensorCopyToBuffer(tensor, data, bytes);
        data.get(ints);
      }
      for (int k = 0; k < n; k++) {
        result[k] = ints[k];
      }
    } else {
      throw new IllegalStateException(
          "output " + i + " " + info.describe() + ": only FLOAT32 and INT32 outputs are supported");
    }
    if (status != kTfLiteOk) {
      throw new IllegalStateException(
          "TFLite cannot copy output "
              + i
              + ": "
              + reason(NativeErrorReporter.instance().drain(reporterToken)));
    }
    return result;
  }

  private static TensorInfo info(TfLiteTensor tensor) {
    int rank = TfLiteTensorNumDims(tensor);
    int[] dims = new int[Math.max(rank, 0)];
    for (int d = 0; d < dims.length; d++) {
      dims[d] = TfLiteTensorDim(tensor, d);
    }
    BytePointer name = TfLiteTensorName(tensor);
    return new TensorInfo(isNull(name) ? "" : name.getString(), TfLiteTensorType(tensor), dims);
  }

  private static String typeName(int type) {
    BytePointer name = TfLiteTypeGetName(type);
    return isNull(name) ? "type " + type : name.getString();
  }

  private static String reason(String reported) {
    return reported.isEmpty() ? "(TFLite reported no message)" : reported;
  }

  private static boolean isNull(Pointer p) {
    return p == null || p.isNull();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("TfLiteRunner has been closed");
    }
  }

  /** Deletes the interpreter, then the model, then frees the model bytes; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    TfLiteInterpreterDelete(interpreter);
    TfLiteInterpreterOptionsDelete(options);
    TfLiteModelDelete(model);
    modelData.close();
    NativeErrorReporter.instance().unregister(reporterToken);
    reporterToken.close();
  }
}
