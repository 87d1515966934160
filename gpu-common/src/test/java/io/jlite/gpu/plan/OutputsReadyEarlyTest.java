package io.jlite.gpu.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ops.Relu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An output a partition computes early can leave for the host while the rest still runs. */
class OutputsReadyEarlyTest {
  @Test
  void anOutputConvertedOnTheDeviceIsConvertedRightAfterItsLastWriter() {
    GraphBuilder g = new GraphBuilder(5);
    // 32 x 32 x 5: not the same in BHWC and PHWC4, and large enough to convert on the device.
    int a = g.input(1, 32, 32, 5);
    int early = g.op("RELU", new Relu(), a);
    int middle = g.op("RELU", new Relu(), early);
    int late = g.op("RELU", new Relu(), middle);
    Graph graph = g.build(early, late);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED);

    List<String> names = plan.kernels().stream().map(k -> k.source().name()).toList();
    // The first RELU gathers the input from the host's buffer, and the last writes the late output
    // to the host's in BHWC order: the early output, which the middle RELU reads, is the only one
    // converted, right after the RELU writing it.
    assertEquals(4, names.size(), names.toString());
    int earlyReady = plan.readyAfter(early);
    int lateReady = plan.readyAfter(late);
    assertEquals(1, earlyReady, names.toString());
    assertEquals(3, lateReady, names.toString());
    assertTrue(names.get(earlyReady).endsWith("_to_bhwc"), names.get(earlyReady));
    assertTrue(writes(plan.kernels().get(0), plan.storage(early)), names.get(0));
    assertTrue(writes(plan.kernels().get(lateReady), plan.hostSide(late)), names.get(lateReady));
    // The early output's host buffer lives from its conversion to the end, its PHWC4 buffer only
    // until the conversion and the next kernel have read it.
    assertTrue(writes(plan.kernels().get(earlyReady), plan.hostSide(early)));
  }

  @Test
  void anOutputConvertedOnTheHostIsReadyAfterTheKernelWritingIt() {
    GraphBuilder g = new GraphBuilder(5);
    int a = g.input(1, 2, 2, 3);
    int early = g.op("RELU", new Relu(), a);
    int late = g.op("RELU", new Relu(), early);
    Graph graph = g.build(early, late);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED);
    assertEquals(2, plan.kernels().size());
    assertEquals(0, plan.readyAfter(early));
    assertEquals(1, plan.readyAfter(late));
  }

  private static boolean writes(PlannedKernel kernel, int buffer) {
    for (KernelArg a : kernel.source().args()) {
      if (a instanceof TensorArg t && t.output() && t.tensor() == buffer) {
        return true;
      }
    }
    return false;
  }
}
