package io.jlite.gpu.workgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.OpCases;
import io.jlite.ir.Graph;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WorkgroupsTest {
  private static final GpuDevice BIG = TestKernels.device("opencl", "some GPU", 1024);

  @Test
  void aWideEnoughGridKeepsTheTableSize() {
    assertEquals(
        new Grid(32, 4, 1), Workgroups.fit(new Grid(32, 4, 1), new Grid(128, 128, 8), BIG));
  }

  @Test
  void itemsANarrowAxisCannotUseMoveToTheNextAxis() {
    // 8x4 = 32 items; x and y can only hold 2 each, so z takes 32 / 4 = 8.
    assertEquals(new Grid(2, 2, 8), Workgroups.fit(new Grid(8, 4, 1), new Grid(2, 2, 64), BIG));
    // width 5 -> x = 4, y = 32 / 4 = 8.
    assertEquals(new Grid(4, 8, 1), Workgroups.fit(new Grid(8, 4, 1), new Grid(5, 40, 1), BIG));
    // A fully connected grid (1 x 1 x slices): everything along z, at most the grid.
    assertEquals(new Grid(1, 1, 16), Workgroups.fit(new Grid(1, 1, 64), new Grid(1, 1, 16), BIG));
    assertEquals(new Grid(1, 1, 1), Workgroups.fit(new Grid(8, 4, 1), new Grid(1, 1, 1), BIG));
  }

  @Test
  void aDeviceWithFewerItemsHalvesZThenYThenX() {
    // GLES 3.1's guaranteed 128 invocations: 64x4 (256) becomes 64x2.
    assertEquals(
        new Grid(64, 2, 1),
        Workgroups.fit(new Grid(64, 4, 1), new Grid(256, 256, 2), GpuDevice.UNKNOWN));
    GpuDevice tiny = new GpuDevice("gles", "tiny", "tiny", 16, 8, 8, 1);
    assertEquals(new Grid(8, 2, 1), Workgroups.fit(new Grid(32, 4, 1), new Grid(99, 99, 9), tiny));
  }

  /** The invariants, against the definition of a power-of-two floor. */
  @Property
  void aFittedWorkgroupNeverExceedsTheGridFloorOrTheDevice(
      @ForAll @IntRange(min = 1, max = 600) int gx,
      @ForAll @IntRange(min = 1, max = 600) int gy,
      @ForAll @IntRange(min = 1, max = 80) int gz,
      @ForAll @IntRange(min = 0, max = 8) int wx,
      @ForAll @IntRange(min = 0, max = 8) int wy,
      @ForAll @IntRange(min = 0, max = 6) int wz,
      @ForAll @IntRange(min = 1, max = 1024) int maxInvocations,
      @ForAll @IntRange(min = 1, max = 1024) int maxX,
      @ForAll @IntRange(min = 1, max = 1024) int maxY,
      @ForAll @IntRange(min = 1, max = 64) int maxZ) {
    GpuDevice d = new GpuDevice("opencl", "d", "d", maxInvocations, maxX, maxY, maxZ);
    Grid grid = new Grid(gx, gy, gz);
    Grid g = Workgroups.fit(new Grid(1 << wx, 1 << wy, 1 << wz), grid, d);
    assertTrue(g.x() <= floor2(gx) && g.y() <= floor2(gy) && g.z() <= floor2(gz), g + " " + grid);
    assertTrue(g.x() <= maxX && g.y() <= maxY && g.z() <= maxZ, g + " " + d);
    assertTrue(g.size() <= maxInvocations, g + " " + d);
    assertTrue(Integer.bitCount(g.x()) == 1 && Integer.bitCount(g.y()) == 1, g.toString());
  }

  private static int floor2(int n) {
    int p = 1;
    while (p * 2 <= n) {
      p *= 2;
    }
    return p;
  }

  @Test
  void thePlannerAsksTheChooserWithTheOpKind() {
    Graph fc = OpCases.all().get("FULLY_CONNECTED flatten");
    java.util.List<OpKind> asked = new java.util.ArrayList<>();
    GpuPlan plan =
        GpuPlanner.plan(
            fc,
            fc.nodes(),
            GpuPlanner.Options.UNFUSED.withWorkgroups(
                (kind, k) -> {
                  asked.add(kind);
                  return new Grid(1, 1, 1);
                }));
    assertEquals(java.util.List.of(OpKind.FULLY_CONNECTED), asked);
    assertEquals(new Grid(1, 1, 1), plan.kernels().get(0).workgroup());
  }

  @Test
  void theDefaultPlanUsesTheGenericRowsFittedToEachGrid() {
    for (Graph g : OpCases.all().values()) {
      for (PlannedKernel k : GpuPlanner.plan(g, g.nodes(), GpuPlanner.Options.DEFAULT).kernels()) {
        Grid grid = k.source().grid();
        Grid wg = k.workgroup();
        assertTrue(wg.x() <= floor2(grid.x()) && wg.y() <= floor2(grid.y()), k.source().name());
        assertTrue(wg.z() <= floor2(grid.z()) && wg.size() <= 128, k.source().name());
      }
    }
  }
}
