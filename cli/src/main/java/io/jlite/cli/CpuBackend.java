package io.jlite.cli;

import io.jlite.DataType;
import io.jlite.Interpreter;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JLite's reference interpreter. Every input must be a FLOAT32 tensor; outputs of other types are
 * converted to float32 element by element.
 */
final class CpuBackend implements Backend {
  private final Graph graph;
  private final Interpreter interpreter;

  CpuBackend(Path model) {
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
    this.interpreter = new Interpreter(graph, new Interpreter.Options());
  }

  @Override
  public String name() {
    return BackendKind.CPU.toString();
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
  }
}
