package io.jlite.cli;

import io.jlite.DataType;
import io.jlite.Delegate;
import io.jlite.DelegateProvider;
import io.jlite.Interpreter;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JLite's interpreter: the reference CPU alone, or with a GPU delegate found by name among the
 * {@link DelegateProvider}s on the class path. Every input must be a FLOAT32 tensor; outputs of
 * other types are converted to float32 element by element.
 */
final class CpuBackend implements Backend {
  private final Graph graph;
  private final Interpreter interpreter;
  private final Optional<Delegate> delegate;

  CpuBackend(Path model) {
    this(model, Optional.empty());
  }

  /**
   * The interpreter with the delegate of the provider named {@code backend}, made with {@code
   * settings}.
   *
   * @throws UserException when no such provider is on the class path, or it is not a GPU one
   * @throws io.jlite.GpuUnavailableException when the backend cannot run on this machine
   */
  static CpuBackend withDelegate(Path model, String backend, GpuSettings settings) {
    Delegate delegate = gpuProvider(backend).create(settings);
    try {
      return new CpuBackend(model, Optional.of(delegate));
    } catch (RuntimeException e) {
      delegate.close();
      throw e;
    }
  }

  /**
   * The GPU provider named {@code backend} on the class path.
   *
   * @throws UserException when there is none
   */
  static GpuDelegateProvider gpuProvider(String backend) {
    return DelegateProvider.named(backend)
        .filter(GpuDelegateProvider.class::isInstance)
        .map(GpuDelegateProvider.class::cast)
        .orElseThrow(
            () -> new UserException("GPU backend '" + backend + "' is not on the class path"));
  }

  private CpuBackend(Path model, Optional<Delegate> delegate) {
    this.delegate = delegate;
    this.graph = ModelLoader.standard().load(model);
    for (int i = 0; i < graph.inputs().size(); i++) {
      TensorSpec spec = graph.tensor(graph.inputs().get(i));
      if (spec.type() != DataType.FLOAT32) {
        throw new UserException(
            "input "
                + i
                + " "
                + spec.describe()
                + " is "
                + spec.type()
                + "; jlite feeds FLOAT32 inputs only");
      }
    }
    Interpreter.Options options = new Interpreter.Options();
    delegate.ifPresent(options::addDelegate);
    this.interpreter = new Interpreter(graph, options);
  }

  /** The GPU delegate the interpreter uses; empty on the reference CPU alone. */
  Optional<Delegate> delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.map(Delegate::name).orElse(BackendKind.CPU.toString());
  }

  @Override
  public List<TensorInfo> inputs() {
    return describe(graph.inputs());
  }

  @Override
  public List<TensorInfo> outputs() {
    return describe(graph.outputs());
  }

  private List<TensorInfo> describe(List<Integer> tensors) {
    List<TensorInfo> infos = new ArrayList<>();
    for (int t : tensors) {
      infos.add(new TensorInfo(graph.tensor(t).name(), graph.tensor(t).shape()));
    }
    return infos;
  }

  @Override
  public float[][] run(float[][] inputs) {
    List<NdArray> values = new ArrayList<>(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      values.add(NdArray.of(graph.tensor(graph.inputs().get(i)).shape(), inputs[i]));
    }
    List<NdArray> results = interpreter.runRaw(values);
    float[][] out = new float[results.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = toFloats(results.get(i));
    }
    return out;
  }

  private static float[] toFloats(NdArray value) {
    if (value.isFloating()) {
      return value.floats();
    }
    int[] ints = value.ints();
    float[] floats = new float[ints.length];
    for (int i = 0; i < ints.length; i++) {
      floats[i] = ints[i];
    }
    return floats;
  }

  @Override
  public void close() {
    interpreter.close();
    // The delegate outlives the kernels the interpreter prepared on it.
    delegate.ifPresent(Delegate::close);
  }
}
