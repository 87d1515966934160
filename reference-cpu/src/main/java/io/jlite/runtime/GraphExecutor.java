package io.jlite.runtime;

import io.jlite.Delegate;
import io.jlite.JLiteException;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.LoaderLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a graph: nodes claimed by a delegate go to that delegate in partitions of consecutive nodes,
 * every other node runs its reference {@link io.jlite.ops.Op} on the CPU. Checks every computed
 * output against the model's declared shape and type, so a wrong op or a wrong model is reported
 * where it happens.
 */
public final class GraphExecutor implements AutoCloseable {
  private final Graph graph;
  private final LoaderLimits limits;
  private final List<Step> steps;

  /** For each tensor, the index of the last step that reads it, so it can be freed after it. */
  private final int[] lastUse;

  /** One unit of execution: a single CPU node or a delegate partition. */
  private sealed interface Step permits CpuStep, DelegateStep {}

  private record CpuStep(Node node) implements Step {}

  private record DelegateStep(Delegate.Kernel kernel, List<Node> nodes) implements Step {}

  /** An executor with the default limits (see {@link LoaderLimits#DEFAULT}). */
  public GraphExecutor(Graph graph, List<Delegate> delegates) {
    this(graph, delegates, LoaderLimits.DEFAULT);
  }

  /**
   * Prepares every delegate partition of {@code graph}; {@code limits} bound the outputs of ops
   * whose output size comes from input values (see {@link OpCall}).
   */
  public GraphExecutor(Graph graph, List<Delegate> delegates, LoaderLimits limits) {
    this.graph = graph;
    this.limits = limits;
    this.steps = partition(graph, delegates);
    this.lastUse = computeLastUse();
  }

  /**
   * Cuts the graph into steps, preparing each delegate partition. If one fails to prepare, the
   * partitions prepared before it are closed before the exception leaves, so a constructor that
   * throws holds no device memory.
   */
  private static List<Step> partition(Graph graph, List<Delegate> delegates) {
    List<Step> steps = new ArrayList<>();
    try {
      addSteps(graph, delegates, steps);
    } catch (RuntimeException e) {
      closeAll(steps, e);
      throw e;
    }
    return steps;
  }

  private static void closeAll(List<Step> steps, RuntimeException failure) {
    for (Step step : steps) {
      if (step instanceof DelegateStep d) {
        try {
          d.kernel().close();
        } catch (RuntimeException e) {
          failure.addSuppressed(e);
        }
      }
    }
  }

  private static void addSteps(Graph graph, List<Delegate> delegates, List<Step> steps) {
    List<Node> nodes = graph.nodes();
    int i = 0;
    while (i < nodes.size()) {
      Delegate owner = null;
      for (Delegate d : delegates) {
        if (d.claims(graph, nodes.get(i))) {
          owner = d;
          break;
        }
      }
      if (owner == null) {
        steps.add(new CpuStep(nodes.get(i)));
        i++;
        continue;
      }
      int end = i + 1;
      while (end < nodes.size() && owner.claims(graph, nodes.get(end))) {
        end++;
      }
      List<Node> part = List.copyOf(nodes.subList(i, end));
      steps.add(new DelegateStep(owner.prepare(graph, part), part));
      i = end;
    }
  }

  private int[] computeLastUse() {
    int[] last = new int[graph.tensors().size()];
    java.util.Arrays.fill(last, -1);
    for (int s = 0; s < steps.size(); s++) {
      for (Node node : nodesOf(steps.get(s))) {
        for (int t : node.inputs()) {
          if (t >= 0) {
            last[t] = s;
          }
        }
      }
    }
    for (int t : graph.outputs()) {
      last[t] = Integer.MAX_VALUE;
    }
    return last;
  }

  private static List<Node> nodesOf(Step step) {
    return step instanceof DelegateStep d ? d.nodes() : List.of(((CpuStep) step).node());
  }

  /** The number of delegate partitions this executor runs. */
  public int delegatePartitionCount() {
    return (int) steps.stream().filter(s -> s instanceof DelegateStep).count();
  }

  /**
   * Runs the graph on inputs already checked against the graph's input specs.
   *
   * @param keepIntermediates keep every tensor's value (for debugging and op-by-op comparison)
   *     instead of freeing each after its last use
   * @return values indexed by tensor index; outputs and constants are always present
   */
  public NdArray[] execute(List<NdArray> inputs, boolean keepIntermediates) {
    NdArray[] values = new NdArray[graph.tensors().size()];
    for (TensorSpec t : graph.tensors()) {
      t.constant().ifPresent(c -> values[t.index()] = c);
    }
    for (int i = 0; i < inputs.size(); i++) {
      values[graph.inputs().get(i)] = inputs.get(i);
    }
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      if (step instanceof CpuStep cpu) {
        runOnCpu(cpu.node(), values);
      } else {
        DelegateStep d = (DelegateStep) step;
        d.kernel().run(values);
        for (Node node : d.nodes()) {
          for (int t : node.outputs()) {
            // A delegate may fuse away tensors only its own partition reads (a convolution's
            // output consumed by a fused activation); it must produce what later steps read.
            if (lastUse[t] > s) {
              checkOutput(node, t, values);
            }
          }
        }
      }
      if (!keepIntermediates) {
        freeDead(s, values);
      }
    }
    return values;
  }

  private void runOnCpu(Node node, NdArray[] values) {
    NdArray[] in = new NdArray[node.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      int t = node.inputs().get(i);
      in[i] = t < 0 ? null : values[t];
    }
    NdArray[] out = OpCall.apply(graph, node, in, limits);
    if (out.length != node.outputs().size()) {
      throw new JLiteException(
          graph.source()
              + ": "
              + node
              + " produced "
              + out.length
              + " outputs, the model declares "
              + node.outputs().size());
    }
    for (int i = 0; i < out.length; i++) {
      values[node.outputs().get(i)] = out[i];
    }
    checkOutputs(node, values);
  }

  private void checkOutputs(Node node, NdArray[] values) {
    for (int t : node.outputs()) {
      checkOutput(node, t, values);
    }
  }

  private void checkOutput(Node node, int t, NdArray[] values) {
    TensorSpec spec = graph.tensor(t);
    NdArray v = values[t];
    if (v == null) {
      throw new JLiteException(
          graph.source() + ": " + node + " did not produce " + spec.describe());
    }
    if (!v.shape().equals(spec.shape()) || v.isFloating() != spec.type().isFloating()) {
      throw new ShapeMismatchException(
          graph.source()
              + ": "
              + node
              + " computed "
              + v.type()
              + v.shape()
              + " for "
              + spec.describe()
              + ", the model declares "
              + spec.type()
              + spec.shape());
    }
  }

  /** Drops values no later step reads: inputs read for the last time, outputs never read. */
  private void freeDead(int step, NdArray[] values) {
    for (Node node : nodesOf(steps.get(step))) {
      for (int t : node.inputs()) {
        if (t >= 0 && lastUse[t] == step && !graph.tensor(t).isConstant()) {
          values[t] = null;
        }
      }
      for (int t : node.outputs()) {
        if (lastUse[t] < 0) {
          values[t] = null;
        }
      }
    }
  }

  /** Closes the delegate kernels this executor prepared. */
  @Override
  public void close() {
    for (Step step : steps) {
      if (step instanceof DelegateStep d) {
        d.kernel().close();
      }
    }
  }
}
