package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.AutotuneScenario;
import io.jlite.gpu.testing.OpCases;
import io.jlite.gpu.workgroup.KernelTimer;
import io.jlite.ir.Graph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenClAutotuneTest {
  @TempDir Path cache;

  private AutotuneScenario<OpenClDelegate> scenario() {
    return new AutotuneScenario<>(
        tune ->
            new OpenClDelegate(OpenClOptions.defaults().withProgramCache(cache).withAutotune(tune)),
        OpenClDelegate::kernelsTuned,
        OpenClDelegate::workgroupsFromDisk,
        OpenClDelegate::liveDeviceBuffers);
  }

  @Test
  void autotunedKernelsMatchTheReferenceAndTheWinnersAreReusedOnTheNextStart() throws IOException {
    TestDevices.requireDevice();
    scenario().winnersAreCachedAndReused(cache);
  }

  @Test
  void withoutAutotuneNothingIsTimed() {
    TestDevices.requireDevice();
    scenario().withoutAutotuneNothingIsTimed(cache);
  }

  @Test
  void theTimerRunsEachSizeTheKernelAllowsAndRefusesLargerOnes() {
    Graph graph = OpCases.threeKernels();
    KernelSource conv =
        GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT).kernels().get(0).source();
    try (OpenClRuntime rt = TestDevices.open(Optional.empty())) {
      try (KernelTimer.Trial trial =
          new ClKernelTimer(rt, new OpenClGenerator(), "-cl-std=CL1.2").prepare(conv)) {
        OptionalLong small = trial.nanos(new Grid(4, 4, 1));
        assertTrue(small.isPresent() && small.getAsLong() > 0, small.toString());
        long tooMany = rt.device().maxWorkGroupSize() * 2;
        assertTrue(trial.nanos(new Grid(Math.toIntExact(tooMany), 1, 1)).isEmpty());
      }
      assertEquals(0, rt.liveBuffers());
      assertEquals(0, rt.liveObjects(), "the trial's program is released with it");
    }
  }
}
