package io.jlite;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import java.util.List;

/**
 * A backend that runs part of a graph, like TFLite's {@code Delegate}: it claims the nodes it can
 * run, the interpreter groups consecutive claimed nodes into partitions and hands each to {@link
 * #prepare}; every node no delegate claims runs on the reference CPU.
 *
 * <p>Add one with {@link Interpreter.Options#addDelegate}. The interpreter closes the kernels it
 * prepared; the delegate itself belongs to the caller, who closes it after the interpreter.
 */
public interface Delegate extends AutoCloseable {
  /** A short name for messages and reports, e.g. {@code "opencl"}. */
  String name();

  /** Whether this delegate can run {@code node} of {@code graph}. */
  boolean claims(Graph graph, Node node);

  /**
   * Prepares a partition: nodes this delegate claimed, consecutive in execution order. May throw
   * {@link JLiteException} (for example {@code GpuUnavailableException}).
   */
  Kernel prepare(Graph graph, List<Node> partition);

  @Override
  void close();

  /** A prepared partition. */
  interface Kernel extends AutoCloseable {
    /**
     * Runs the partition: reads its input tensors from {@code values} (indexed by tensor index) and
     * stores its output tensors there.
     */
    void run(io.jlite.ir.NdArray[] values);

    @Override
    void close();
  }
}
