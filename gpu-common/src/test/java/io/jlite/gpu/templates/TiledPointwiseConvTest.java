package io.jlite.gpu.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.gpu.testing.PlanKernels;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Padding;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TiledPointwiseConv}: 1×1 convolutions with many outputs match the reference on the OpenCL
 * device (PoCL in CI) across tile edges (positions, output slices and input slices that do not fill
 * a tile or a chunk), strides, batches and a fused ADD; the tile respects the shared-memory and
 * workgroup limits of OpenGL ES 3.1.
 */
class TiledPointwiseConvTest {
  /**
   * x [batch, h, w, inC] → CONV_2D 1×1 (stride, RELU6) to outC channels → ADD of a second input.
   */
  private static Graph conv(int batch, int h, int w, int inC, int outC, int stride) {
    GraphBuilder g = new GraphBuilder(h * 131L + inC * 7L + outC);
    int x = g.input(batch, h, w, inC);
    int y =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.VALID, stride, stride, 1, 1, Activation.RELU6),
            x,
            g.constant(0.3f, outC, 1, 1, inC),
            g.constant(0.5f, outC));
    int outH = (h - 1) / stride + 1;
    int outW = (w - 1) / stride + 1;
    return g.build(g.op("ADD", new Add(Activation.NONE), y, g.input(batch, outH, outW, outC)));
  }

  @Test
  void tiledConvolutionsMatchTheReference() {
    int[][] cases = {
      // batch, h, w, inC, outC, stride
      {1, 16, 16, 160, 960, 1}, // pose_landmark_heavy's slowest shape: 15 slice tiles of 16
      {1, 64, 64, 32, 192, 1}, // one chunk of input slices
      {1, 9, 7, 24, 8, 1}, // two output slices: 64 position groups
      {2, 5, 5, 36, 52, 1}, // batch 2, 13 output slices, a partial chunk (9 input slices)
      {1, 9, 9, 20, 12, 2}, // stride 2
      {1, 3, 11, 6, 100, 1}, // 25 output slices: two tiles of 13, one position tile
    };
    for (int[] c : cases) {
      Graph graph = conv(c[0], c[1], c[2], c[3], c[4], c[5]);
      GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
      List<PlannedKernel> kernels = PlanKernels.ofOps(plan);
      assertEquals(1, kernels.size(), "CONV_2D and ADD in one kernel");
      assertTrue(
          kernels.get(0).source().body().contains("$SHARED(xin"),
          "the tiled form for " + java.util.Arrays.toString(c));
      Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(3), 2f);
      Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
      Map<Integer, float[]> actual = OpenClHarness.get().run(plan, inputs, new OpenClGenerator());
      int t = graph.outputs().get(0);
      NdArray want = expected.get(t);
      ReferenceComparison.assertMatchesReference(
          "tiled 1x1 " + java.util.Arrays.toString(c),
          t,
          want,
          NdArray.of(want.shape(), actual.get(t)));
    }
  }

  @Test
  void tilesFitWhatOpenGlEs31Guarantees() {
    for (int outC : new int[] {4, 8, 24, 64, 100, 960, 1632}) {
      for (int inSlices : new int[] {1, 3, 8, 40, 408}) {
        for (int hw : new int[] {1, 8, 16, 128}) {
          Phwc4Layout out = Phwc4Layout.of(Shape.of(1, hw, hw, outC));
          TiledPointwiseConv.Tile tile = TiledPointwiseConv.Tile.of(out, inSlices);
          String what = "outC " + outC + ", " + inSlices + " input slices, " + hw + "x" + hw;
          assertTrue(tile.items() <= 128, what + ": " + tile);
          int shared = tile.positions() * tile.chunk() + 4 * tile.chunk() * tile.weightStride();
          assertTrue(shared * 16 <= 16384, what + ": " + shared + " vec4s of shared memory");
          assertTrue(tile.chunk() >= 1 && tile.chunk() <= Math.min(8, inSlices), what);
          assertTrue(tile.slices() >= 1 && tile.slices() <= 16, what);
        }
      }
    }
  }
}
