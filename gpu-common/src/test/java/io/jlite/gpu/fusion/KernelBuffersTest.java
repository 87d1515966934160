package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.PlanKernels;
import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Padding;
import io.jlite.ops.Relu;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelBuffers} counts what a kernel binds, and fusion with a buffer limit (a GLES driver's
 * storage-block count) stops before a kernel would bind more.
 */
class KernelBuffersTest {
  /**
   * CONV_2D 3×3 8 → 8 (weights 576 floats: a buffer; bias 8 floats: inlined) → ADD in1 → ADD in2 →
   * RELU.
   */
  private static Graph convThenTwoAdds() {
    GraphBuilder g = new GraphBuilder(4);
    int x = g.input(1, 6, 6, 8);
    int c =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.NONE),
            x,
            g.constant(0.3f, 8, 3, 3, 8),
            g.constant(0.5f, 8));
    int a = g.op("ADD", new Add(Activation.NONE), c, g.input(1, 6, 6, 8));
    int b = g.op("ADD", new Add(Activation.NONE), a, g.input(1, 6, 6, 8));
    return g.build(g.op("RELU", new Relu(), b));
  }

  private static List<PlannedKernel> kernels(Graph graph, int maxBuffers) {
    GpuPlan plan =
        GpuPlanner.plan(
            graph, graph.nodes(), GpuPlanner.Options.DEFAULT.withMaxKernelBuffers(maxBuffers));
    return PlanKernels.ofOps(plan);
  }

  @Test
  void countsTensorsAndTheConstantsThatAreNotInlined() {
    Graph graph = convThenTwoAdds();
    // src, weights, dst (the 8-float bias is written into the source).
    assertEquals(3, KernelBuffers.of(graph, graph.nodes().get(0)));
    // Both operands and the output.
    assertEquals(3, KernelBuffers.of(graph, graph.nodes().get(1)));
    // The arity bound (3 inputs + 1 output + 1) is 5; below it the kernel is counted.
    assertTrue(KernelBuffers.fit(graph, graph.nodes().get(0), 5));
    assertTrue(KernelBuffers.fit(graph, graph.nodes().get(0), 3));
    assertFalse(KernelBuffers.fit(graph, graph.nodes().get(0), 2));
  }

  @Test
  void fusionStopsAtTheBufferLimit() {
    Graph graph = convThenTwoAdds();
    // Unlimited: one kernel (conv + ADD + ADD + RELU) binding src, weights, in1, in2, dst.
    List<PlannedKernel> all = kernels(graph, KernelBuffers.UNLIMITED);
    assertEquals(1, all.size());
    assertEquals(5, KernelBuffers.of(all.get(0).source()));
    // Four: the second ADD would be the fifth buffer; it starts its own kernel (which takes RELU).
    List<PlannedKernel> four = kernels(graph, 4);
    assertEquals(
        List.of(List.of(0, 1), List.of(2, 3)),
        four.stream().map(PlannedKernel::opIndices).toList());
    for (PlannedKernel k : four) {
      assertTrue(KernelBuffers.of(k.source()) <= 4, k.source().name());
    }
    // Three: no ADD fits beside the conv's three; RELU (no operand) still fuses.
    List<PlannedKernel> three = kernels(graph, 3);
    assertEquals(3, three.size());
  }
}
