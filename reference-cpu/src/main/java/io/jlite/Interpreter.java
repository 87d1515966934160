package io.jlite;

import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.LoaderLimits;
import io.jlite.loader.ModelLoader;
import io.jlite.ops.OpRegistry;
import io.jlite.runtime.ArenaEstimate;
import io.jlite.runtime.ConstantFolder;
import io.jlite.runtime.GraphExecutor;
import io.jlite.runtime.Values;
import java.io.File;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a TensorFlow Lite model, with the API of TFLite's {@code org.tensorflow.lite.Interpreter}:
 *
 * <pre>{@code
 * try (Interpreter interpreter = new Interpreter(new File("model.tflite"))) {
 *   float[][][][] input = new float[1][128][128][3];
 *   float[][] output = new float[1][10];
 *   interpreter.run(input, output);
 * }
 * }</pre>
 *
 * <p>Inputs and outputs may be (nested) Java arrays of the tensor's shape, flat arrays, {@link
 * ByteBuffer}s or {@link java.nio.FloatBuffer}s. Ops claimed by a {@link Delegate} run there; all
 * others run on JLite's reference CPU kernels.
 *
 * <p>Threading: concurrent calls on one interpreter are serialized: every method synchronizes on
 * the interpreter, so runs from several threads are safe but take turns. Use one interpreter per
 * thread for parallelism.
 *
 * <p>Lifecycle: {@link #close} is idempotent; every other method throws {@link
 * IllegalStateException} once the interpreter is closed.
 *
 * <p>Safety: the model is validated before anything is allocated for it, within the {@link
 * LoaderLimits} of the {@link Options}; a bad model or input is a {@link JLiteException}.
 */
public final class Interpreter implements AutoCloseable {
  private final Graph graph;
  private final GraphExecutor executor;
  private final long arenaBytes;
  private boolean closed;

  /** Options for creating an {@link Interpreter}. */
  public static final class Options {
    private final List<Delegate> delegates = new ArrayList<>();
    private LoaderLimits limits = LoaderLimits.DEFAULT;

    /** Adds a delegate; delegates added first get the first chance to claim each op. */
    public Options addDelegate(Delegate delegate) {
      delegates.add(Objects.requireNonNull(delegate, "delegate"));
      return this;
    }

    /**
     * Sets the size limits checked when the model is loaded, before any allocation (default {@link
     * LoaderLimits#DEFAULT}).
     */
    public Options setLimits(LoaderLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public List<Delegate> getDelegates() {
      return List.copyOf(delegates);
    }

    public LoaderLimits getLimits() {
      return limits;
    }
  }

  public Interpreter(File modelFile) {
    this(modelFile, new Options());
  }

  /** Loads (memory-maps) and prepares the model; throws {@link ModelFormatException} if invalid. */
  public Interpreter(File modelFile, Options options) {
    this(loader(options).load(modelFile.toPath()), options);
  }

  public Interpreter(ByteBuffer model) {
    this(model, new Options());
  }

  /** Loads the model from the buffer's remaining bytes (not copied: keep it unchanged). */
  public Interpreter(ByteBuffer model, Options options) {
    this(loader(options).load(model, "<ByteBuffer model>"), options);
  }

  /**
   * Runs an already loaded graph (for tools that build or rewrite graphs). Nodes that only read
   * constants are evaluated once here (see {@link ConstantFolder}).
   */
  public Interpreter(Graph graph, Options options) {
    this.graph = ConstantFolder.fold(graph, options.getLimits());
    this.arenaBytes = ArenaEstimate.peakBytes(this.graph);
    long limit = options.getLimits().maxArenaBytes();
    if (arenaBytes > limit) {
      throw new ModelFormatException(
          graph.source()
              + ": a run needs "
              + arenaBytes
              + " bytes of intermediate tensors at once, more than the limit of "
              + limit
              + " bytes (LoaderLimits.maxArenaBytes)");
    }
    // Delegates and the executor see the folded graph: weights behind an fp16 DEQUANTIZE are plain
    // fp32 constants, so a GPU delegate claims the convolutions that read them.
    this.executor = new GraphExecutor(this.graph, options.getDelegates(), options.getLimits());
  }

  private static ModelLoader loader(Options options) {
    return new ModelLoader(OpRegistry.standard(), options.getLimits());
  }

  /** Runs a model with one input and one output. */
  public void run(Object input, Object output) {
    runForMultipleInputsOutputs(new Object[] {input}, Map.of(0, output));
  }

  /**
   * Runs the model: {@code inputs[i]} feeds input tensor {@code i}; for each entry of {@code
   * outputs}, output tensor {@code key} is copied into the value.
   */
  public synchronized void runForMultipleInputsOutputs(
      Object[] inputs, Map<Integer, Object> outputs) {
    checkOpen();
    List<NdArray> values = new ArrayList<>(inputs.length);
    if (inputs.length != graph.inputs().size()) {
      throw new IllegalArgumentException(
          "model has " + graph.inputs().size() + " inputs, given " + inputs.length);
    }
    for (int i = 0; i < inputs.length; i++) {
      values.add(Values.toNdArray(inputs[i], graph.tensor(graph.inputs().get(i))));
    }
    List<NdArray> results = runRaw(values);
    for (Map.Entry<Integer, Object> e : outputs.entrySet()) {
      int i = e.getKey();
      if (i < 0 || i >= results.size()) {
        throw new IllegalArgumentException(
            "model has " + results.size() + " outputs, no output " + i);
      }
      Values.copyInto(results.get(i), e.getValue(), graph.tensor(graph.outputs().get(i)));
    }
  }

  /**
   * Runs the model on tensor values (checked against the input tensors) and returns the outputs.
   */
  public synchronized List<NdArray> runRaw(List<NdArray> inputs) {
    checkOpen();
    if (inputs.size() != graph.inputs().size()) {
      throw new IllegalArgumentException(
          "model has " + graph.inputs().size() + " inputs, given " + inputs.size());
    }
    List<NdArray> checked = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      checked.add(Values.toNdArray(inputs.get(i), graph.tensor(graph.inputs().get(i))));
    }
    NdArray[] values = executor.execute(checked, false);
    List<NdArray> out = new ArrayList<>();
    for (int t : graph.outputs()) {
      out.add(values[t]);
    }
    return out;
  }

  public synchronized int getInputTensorCount() {
    checkOpen();
    return graph.inputs().size();
  }

  public synchronized int getOutputTensorCount() {
    checkOpen();
    return graph.outputs().size();
  }

  /** Input tensor {@code i} (name, shape, data type). */
  public synchronized Tensor getInputTensor(int i) {
    checkOpen();
    return new Tensor(graph.tensor(graph.inputs().get(i)));
  }

  /** Output tensor {@code i} (name, shape, data type). */
  public synchronized Tensor getOutputTensor(int i) {
    checkOpen();
    return new Tensor(graph.tensor(graph.outputs().get(i)));
  }

  /** The graph this interpreter runs: the validated model after constant folding. */
  public synchronized Graph graph() {
    checkOpen();
    return graph;
  }

  /**
   * The most memory, in bytes, that the intermediate tensors of one run hold at once, as declared
   * by the model (see {@link ArenaEstimate}); checked against {@link LoaderLimits#maxArenaBytes}.
   */
  public synchronized long arenaBytes() {
    checkOpen();
    return arenaBytes;
  }

  /** How many partitions of the graph run on delegates (0 when all runs on the CPU). */
  public synchronized int delegatePartitionCount() {
    checkOpen();
    return executor.delegatePartitionCount();
  }

  /** Every method but {@link #close} is refused once the interpreter is closed. */
  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Interpreter has been closed; create a new one to run again");
    }
  }

  /** Releases the delegate kernels; idempotent. The delegates themselves stay open. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      executor.close();
    }
  }
}
