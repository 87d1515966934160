package io.jlite.gles;

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
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlesAutotuneTest {
  @TempDir Path cache;

  private List<NdArray> runAndCompare(GlesDelegate gpu, Graph graph, List<NdArray> inputs) {
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
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    Graph graph = OpCases.threeKernels();
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 5);
    GlesOptions options = GlesOptions.defaults().withProgramCache(cache).withAutotune(true);
    int tuned;
    try (GlesDelegate gpu = new GlesDelegate(options)) {
      runAndCompare(gpu, graph, inputs);
      tuned = gpu.kernelsTuned();
      assertEquals(3, tuned);
      assertEquals(0, gpu.workgroupsFromDisk());
      assertEquals(0, gpu.liveDeviceBuffers(), "the timer's scratch buffers are released");
    }
    assertEquals(tuned, entries(cache.resolve("workgroups")));
    try (GlesDelegate again = new GlesDelegate(options)) {
      runAndCompare(again, graph, inputs);
      assertEquals(0, again.kernelsTuned());
      assertEquals(tuned, again.workgroupsFromDisk());
    }
  }

  @Test
  void withoutAutotuneNothingIsTimed() {
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    Graph graph = OpCases.threeKernels();
    try (GlesDelegate gpu = new GlesDelegate(GlesOptions.defaults().withProgramCache(cache))) {
      runAndCompare(gpu, graph, ReferenceComparison.seededInputs(graph, 5));
      assertEquals(0, gpu.kernelsTuned());
    }
    assertTrue(Files.notExists(cache.resolve("workgroups")));
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

  private static long entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".wg")).count();
    }
  }
}
