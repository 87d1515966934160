package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.OpCases;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.gpu.workgroup.KernelTimer;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenClAutotuneTest {
  @TempDir Path cache;

  private List<NdArray> runAndCompare(OpenClDelegate gpu, Graph graph, List<NdArray> inputs) {
    List<NdArray> expected;
    try (Interpreter cpu = new Interpreter(graph, new Interpreter.Options())) {
      expected = cpu.runRaw(inputs);
    }
    List<NdArray> actual;
    try (Interpreter interpreter =
        new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      assertEquals(1, interpreter.delegatePartitionCount());
      actual = interpreter.runRaw(inputs);
    }
    for (int i = 0; i < expected.size(); i++) {
      ReferenceComparison.assertMatchesReference(
          "three kernels", i, expected.get(i), actual.get(i));
    }
    return actual;
  }

  @Test
  void autotunedKernelsMatchTheReferenceAndTheWinnersAreReusedOnTheNextStart() throws IOException {
    TestDevices.requireDevice();
    Graph graph = OpCases.threeKernels();
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 5);
    OpenClOptions options = OpenClOptions.defaults().withProgramCache(cache).withAutotune(true);
    int tuned;
    try (OpenClDelegate gpu = new OpenClDelegate(options)) {
      runAndCompare(gpu, graph, inputs);
      tuned = gpu.kernelsTuned();
      assertEquals(3, tuned);
      assertEquals(0, gpu.workgroupsFromDisk());
      assertEquals(0, gpu.liveDeviceBuffers(), "the timer's scratch buffers are released");
    }
    assertEquals(tuned, entries(cache.resolve("workgroups")));
    try (OpenClDelegate again = new OpenClDelegate(options)) {
      runAndCompare(again, graph, inputs);
      assertEquals(0, again.kernelsTuned());
      assertEquals(tuned, again.workgroupsFromDisk());
    }
  }

  @Test
  void withoutAutotuneNothingIsTimed() {
    TestDevices.requireDevice();
    Graph graph = OpCases.threeKernels();
    try (OpenClDelegate gpu =
        new OpenClDelegate(OpenClOptions.defaults().withProgramCache(cache))) {
      runAndCompare(gpu, graph, ReferenceComparison.seededInputs(graph, 5));
      assertEquals(0, gpu.kernelsTuned());
    }
    assertTrue(Files.notExists(cache.resolve("workgroups")));
  }

  @Test
  void theTimerRunsEachSizeTheKernelAllowsAndRefusesLargerOnes() {
    Graph graph = OpCases.threeKernels();
    KernelSource conv =
        GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT).kernels().get(0).source();
    try (OpenClRuntime rt = TestDevices.open(Optional.empty())) {
      try (KernelTimer.Trial trial = new ClKernelTimer(rt, "-cl-std=CL1.2").prepare(conv)) {
        OptionalLong small = trial.nanos(new Grid(4, 4, 1));
        assertTrue(small.isPresent() && small.getAsLong() > 0, small.toString());
        long tooMany = rt.device().maxWorkGroupSize() * 2;
        assertTrue(trial.nanos(new Grid(Math.toIntExact(tooMany), 1, 1)).isEmpty());
      }
      assertEquals(0, rt.liveBuffers());
    }
  }

  private static long entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".wg")).count();
    }
  }
}
