package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.FaultPlan;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpCases;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ops.Activation;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Padding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jocl.CL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition's kernels are built as one OpenCL program: once per partition, through the program
 * caches, with kernels whose program-scope names would clash if lowered naively (the same inlined
 * constant names, the same helper functions). Expected values come from the reference interpreter.
 */
class OneProgramPerPartitionTest {
  @TempDir Path cache;

  /**
   * Two CONV_2D (1x1, RELU6) in a row: each has a "weights" and a "bias" small enough to be inlined
   * and the RELU6 helper, so the two kernels define the same names at program scope.
   */
  private static Graph twoConvolutions() {
    GraphBuilder g = new GraphBuilder(5);
    Conv2D conv = new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU6);
    int x = g.input(1, 6, 5, 4);
    x = g.op("CONV_2D", conv, x, g.constant(2f, 4, 1, 1, 4), g.constant(3f, 4));
    g.op("CONV_2D", conv, x, g.constant(2f, 4, 1, 1, 4), g.constant(3f, 4));
    return g.build();
  }

  private static List<LoweredKernel> lowered(Graph graph) {
    var plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    OpenClGenerator generator = new OpenClGenerator();
    return plan.kernels().stream()
        .map((PlannedKernel k) -> generator.lower(k.source(), k.workgroup()))
        .toList();
  }

  /** Runs {@code graph} on {@code gpu} and asserts it matches the reference interpreter. */
  private static void assertMatchesReference(Graph graph, OpenClDelegate gpu) {
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 9);
    List<NdArray> expected = ReferenceComparison.referenceOutputs(graph, inputs);
    try (Interpreter interpreter =
        new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      assertEquals(1, interpreter.delegatePartitionCount());
      List<NdArray> actual = interpreter.runRaw(inputs);
      for (int i = 0; i < expected.size(); i++) {
        ReferenceComparison.assertMatchesReference("test", i, expected.get(i), actual.get(i));
      }
    }
  }

  @Test
  void aPartitionOfSeveralKernelsBuildsOneProgram() {
    TestDevices.requireDevice();
    Graph graph = OpCases.threeKernels();
    try (OpenClDelegate gpu = new OpenClDelegate(OpenClOptions.defaults().withoutProgramCache())) {
      assertMatchesReference(graph, gpu);
      assertEquals(3, gpu.kernelsPrepared());
      assertEquals(1, gpu.programsCompiled());
      // A second interpreter of the same graph reuses the program the runtime holds.
      assertMatchesReference(graph, gpu);
      assertEquals(1, gpu.programsCompiled());
    }
  }

  @Test
  void kernelsWithTheSameConstantNamesAndHelpersShareAProgram() {
    TestDevices.requireDevice();
    Graph graph = twoConvolutions();
    // The premise: lowered alone, both kernels inline a "bias" and define the RELU6 helper.
    List<LoweredKernel> kernels = lowered(graph);
    assertEquals(2, kernels.size());
    for (LoweredKernel k : kernels) {
      assertTrue(k.inlined().stream().map(ConstArg::name).toList().contains("bias"), k.source());
      assertTrue(k.functions().stream().anyMatch(f -> f.contains("jl_relu6(")), k.source());
    }
    try (OpenClDelegate gpu = new OpenClDelegate(OpenClOptions.defaults().withoutProgramCache())) {
      assertMatchesReference(graph, gpu);
      assertEquals(2, gpu.kernelsPrepared());
      assertEquals(1, gpu.programsCompiled());
    }
  }

  private int[] start(Graph graph) {
    try (OpenClDelegate gpu =
        new OpenClDelegate(OpenClOptions.defaults().withProgramCache(cache))) {
      assertMatchesReference(graph, gpu);
      return new int[] {gpu.programsCompiled(), gpu.programsFromDisk()};
    }
  }

  @Test
  void theDiskCacheHoldsThePartitionsProgramAndRejectsACorruptedOne() throws IOException {
    TestDevices.requireDevice();
    Graph graph = OpCases.threeKernels();
    assertArrayEquals(new int[] {1, 0}, start(graph), "cold: one program compiled");
    assertArrayEquals(new int[] {0, 1}, start(graph), "warm: the program from disk");
    List<Path> entries;
    try (var files = Files.list(cache)) {
      entries = files.filter(f -> f.toString().endsWith(".clbin")).toList();
    }
    assertEquals(1, entries.size(), "one entry for the partition: " + entries);
    byte[] bytes = Files.readAllBytes(entries.get(0));
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(entries.get(0), bytes);
    assertArrayEquals(new int[] {1, 0}, start(graph), "a corrupted entry is compiled again");
    assertArrayEquals(new int[] {0, 1}, start(graph), "and stored again");
  }

  @Test
  void aBuildFailureNamesEveryKernelOfTheProgram() {
    TestDevices.requireDevice();
    Graph graph = OpCases.threeKernels();
    FaultPlan faults = new FaultPlan().always(DriverCall.BUILD, CL.CL_OUT_OF_RESOURCES);
    try (OpenClDelegate gpu = new OpenClDelegate(OpenClOptions.defaults().withoutProgramCache())) {
      gpu.injectFaults(faults);
      GpuFaultException e =
          assertThrows(
              GpuFaultException.class,
              () -> new Interpreter(graph, new Interpreter.Options().addDelegate(gpu)));
      assertEquals(1, faults.calls(DriverCall.BUILD), "one build for the partition");
      assertTrue(e.getCause() instanceof ProgramBuildException, String.valueOf(e.getCause()));
      assertTrue(e.getMessage().contains("CL_OUT_OF_RESOURCES"), e.getMessage());
      for (LoweredKernel k : lowered(graph)) {
        assertTrue(e.getMessage().contains(k.entryPoint()), e.getMessage());
      }
      assertEquals(0, gpu.liveDeviceBuffers());
    }
  }
}
