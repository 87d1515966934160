package io.jlite.gpu.testing;

import io.jlite.DataType;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.IntOperand;
import io.jlite.ops.Op;
import io.jlite.runtime.GraphExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Builds small graphs of reference ops for tests: each op's output shape is found by running the op
 * on example values, so tests name only input shapes and options.
 */
public final class GraphBuilder {
  private final List<TensorSpec> tensors = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Integer> inputs = new ArrayList<>();
  private final Map<Integer, NdArray> example = new HashMap<>();
  private final Random random;

  public GraphBuilder(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  /** A float graph input of the given shape. */
  public int input(int... shape) {
    int t = add("in" + inputs.size(), DataType.FLOAT32, Shape.of(shape), Optional.empty());
    inputs.add(t);
    example.put(t, NdArray.of(Shape.of(shape), randomFloats(Shape.of(shape).size(), 2f)));
    return t;
  }

  /** A float constant with random values in [-scale, scale]. */
  public int constant(float scale, int... shape) {
    return constant(randomFloats(Shape.of(shape).size(), scale), shape);
  }

  /** A float constant. */
  public int constant(float[] data, int... shape) {
    NdArray v = NdArray.of(Shape.of(shape), data);
    int t = add("const" + tensors.size(), DataType.FLOAT32, Shape.of(shape), Optional.of(v));
    example.put(t, v);
    return t;
  }

  /** An INT32 constant. */
  public int ints(int[] data, int... shape) {
    NdArray v = NdArray.ofInts(DataType.INT32, Shape.of(shape), data);
    int t = add("ints" + tensors.size(), DataType.INT32, Shape.of(shape), Optional.of(v));
    example.put(t, v);
    return t;
  }

  /** A constant integer operand read from op input {@code input}. */
  public static IntOperand operand(int input, int... values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      list.add(v);
    }
    return new IntOperand(input, Optional.of(list));
  }

  /** Adds a node; returns its (single) output tensor, shaped by running the op. */
  public int op(String name, Op op, int... in) {
    NdArray[] values = new NdArray[in.length];
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      values[i] = in[i] < 0 ? null : example.get(in[i]);
      ids.add(in[i]);
    }
    NdArray out = op.apply(values)[0];
    int t = add("t" + tensors.size(), DataType.FLOAT32, out.shape(), Optional.empty());
    example.put(t, out);
    nodes.add(new Node(nodes.size(), name, ids, List.of(t), op));
    return t;
  }

  /** The graph with the given outputs (default: the last node's output). */
  public Graph build(int... outputs) {
    List<Integer> outs = new ArrayList<>();
    for (int o : outputs) {
      outs.add(o);
    }
    if (outs.isEmpty()) {
      outs.addAll(nodes.get(nodes.size() - 1).outputs());
    }
    return new Graph("test", tensors, nodes, inputs, outs);
  }

  /** Random values for the graph's inputs, by tensor index. */
  public static Map<Integer, NdArray> randomInputs(Graph graph, Random random, float scale) {
    Map<Integer, NdArray> values = new HashMap<>();
    for (int t : graph.inputs()) {
      Shape s = graph.tensor(t).shape();
      float[] data = new float[s.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (random.nextFloat() * 2 - 1) * scale;
      }
      values.put(t, NdArray.of(s, data));
    }
    return values;
  }

  /** Runs the graph on the reference interpreter; returns the outputs by tensor index. */
  public static Map<Integer, NdArray> reference(Graph graph, Map<Integer, NdArray> in) {
    List<NdArray> list = new ArrayList<>();
    for (int t : graph.inputs()) {
      list.add(in.get(t));
    }
    try (GraphExecutor executor = new GraphExecutor(graph, List.of())) {
      NdArray[] values = executor.execute(list, false);
      Map<Integer, NdArray> out = new HashMap<>();
      for (int t : graph.outputs()) {
        out.put(t, values[t]);
      }
      return out;
    }
  }

  private float[] randomFloats(int n, float scale) {
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = (random.nextFloat() * 2 - 1) * scale;
    }
    return data;
  }

  /**
   * {@code graph} with each float output passed through an ADD of 0, so that the original outputs
   * become intermediates (stored as halves under half storage, which outputs are not); planned
   * without passes the ADD is a kernel of its own.
   */
  public static Graph withTrailingAdd(Graph graph) {
    List<TensorSpec> tensors = new ArrayList<>(graph.tensors());
    List<Node> nodes = new ArrayList<>(graph.nodes());
    List<Integer> outputs = new ArrayList<>();
    int zero = tensors.size();
    NdArray zeroValue = NdArray.of(Shape.of(1), new float[] {0f});
    tensors.add(
        new TensorSpec(
            zero,
            "zero",
            DataType.FLOAT32,
            Shape.of(1),
            Quantization.NONE,
            Optional.of(zeroValue)));
    for (int o : graph.outputs()) {
      TensorSpec spec = graph.tensor(o);
      if (spec.type() != DataType.FLOAT32) {
        outputs.add(o);
        continue;
      }
      int copy = tensors.size();
      tensors.add(
          new TensorSpec(
              copy, "copy" + o, spec.type(), spec.shape(), Quantization.NONE, Optional.empty()));
      nodes.add(
          new Node(nodes.size(), "ADD", List.of(o, zero), List.of(copy), new Add(Activation.NONE)));
      outputs.add(copy);
    }
    return new Graph(graph.source(), tensors, nodes, graph.inputs(), outputs);
  }

  private int add(String name, DataType type, Shape shape, Optional<NdArray> constant) {
    int index = tensors.size();
    tensors.add(new TensorSpec(index, name, type, shape, Quantization.NONE, constant));
    return index;
  }
}
