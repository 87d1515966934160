package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ops.Relu;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which outputs a partition copies to the host while its later kernels still run. */
class EarlyDownloadsTest {
  @Test
  void aLargeOutputWithManyKernelsAfterItIsCopiedRightAfterItsLastWriter() {
    // 64 x 64 x 16 floats: 256 KiB, then 20 kernels after it (the fewest that still count).
    GpuPlan plan = chain(64, 16, 20);
    int early = plan.outputs().get(0);
    List<List<Integer>> at = OpenClPartition.earlyDownloads(plan);
    assertEquals(plan.kernels().size() + 1, at.size());
    assertEquals(List.of(early), at.get(plan.readyAfter(early) + 1));
    assertEquals(1, at.stream().mapToInt(List::size).sum(), "the last output is read at the end");
  }

  @Test
  void tooFewKernelsAfterOrTooFewBytesMeanReadAtTheEnd() {
    // 256 KiB with 19 kernels after it (pose_landmark_lite's are 13 and 15).
    assertNothingEarly(chain(64, 16, 19));
    // 32 x 32 x 8 floats: 32 KiB, with 26 kernels after it.
    assertNothingEarly(chain(32, 8, 26));
  }

  /**
   * A chain of RELUs over a {@code size x size x channels} input whose outputs are the first RELU's
   * and the last one's, {@code relus} RELUs later: after the first output's conversion to BHWC (the
   * second RELU reads its PHWC4 form) come those RELUs, the last of which writes the last output to
   * its host buffer itself.
   */
  private static GpuPlan chain(int size, int channels, int relus) {
    GraphBuilder g = new GraphBuilder(relus + 2);
    int t = g.input(1, size, size, channels);
    int first = g.op("RELU", new Relu(), t);
    t = first;
    for (int i = 0; i < relus; i++) {
      t = g.op("RELU", new Relu(), t);
    }
    Graph graph = g.build(first, t);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED);
    int last = plan.kernels().size() - 1;
    assertEquals(relus, last - plan.readyAfter(first), "kernels after the first output");
    return plan;
  }

  private static void assertNothingEarly(GpuPlan plan) {
    List<Integer> all = new ArrayList<>();
    OpenClPartition.earlyDownloads(plan).forEach(all::addAll);
    assertEquals(List.of(), all);
  }
}
