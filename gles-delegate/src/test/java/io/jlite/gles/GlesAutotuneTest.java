package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.AutotuneScenario;
import io.jlite.gpu.testing.OpCases;
import io.jlite.gpu.workgroup.KernelTimer;
import io.jlite.ir.Graph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlesAutotuneTest {
  @TempDir Path cache;

  private AutotuneScenario<GlesDelegate> scenario() {
    return new AutotuneScenario<>(
        tune -> new GlesDelegate(GlesOptions.defaults().withProgramCache(cache).withAutotune(tune)),
        GlesDelegate::kernelsTuned,
        GlesDelegate::workgroupsFromDisk,
        GlesDelegate::liveDeviceBuffers);
  }

  @Test
  void autotunedKernelsMatchTheReferenceAndTheWinnersAreReusedOnTheNextStart() throws IOException {
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    scenario().winnersAreCachedAndReused(cache);
  }

  @Test
  void withoutAutotuneNothingIsTimed() {
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    scenario().withoutAutotuneNothingIsTimed(cache);
  }

  @Test
  void theTimerRunsEachWorkgroupAsItsOwnProgram() {
    Graph graph = OpCases.threeKernels();
    KernelSource conv =
        GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT).kernels().get(0).source();
    try (GlesContext gl = TestContexts.open()) {
      try (KernelTimer.Trial trial = new GlesKernelTimer(gl).prepare(conv)) {
        OptionalLong small = trial.nanos(new Grid(4, 4, 1));
        OptionalLong wide = trial.nanos(new Grid(16, 4, 1));
        assertTrue(small.isPresent() && small.getAsLong() > 0, small.toString());
        assertTrue(wide.isPresent() && wide.getAsLong() > 0, wide.toString());
        assertEquals(2, gl.programsCompiled());
      }
      assertEquals(0, gl.liveBuffers());
    }
  }
}
