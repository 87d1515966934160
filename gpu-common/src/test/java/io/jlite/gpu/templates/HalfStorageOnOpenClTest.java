package io.jlite.gpu.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpCases;
import io.jlite.gpu.testing.OpenClHarness;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every template with tensors stored as 16-bit floats (FP16 precision) on the OpenCL device: the
 * kernels must read and write halves ({@code vload_half4}/{@code vstore_half4}) and stay within the
 * fp16 bound of the reference: {@value #RELATIVE} of the output's scale (max(1, max |reference|)),
 * a few roundings to an 11-bit significand (4.9e-4 each) for the input, the output and the values
 * in between.
 */
class HalfStorageOnOpenClTest {
  static final double RELATIVE = 4e-3;

  @TestFactory
  Stream<DynamicTest> halfStorageStaysWithinTheFp16Bound() {
    return OpCases.all().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getValue())));
  }

  private static void check(Graph graph) {
    GpuPlan plan =
        GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT.withHalfStorage(true));
    OpenClGenerator generator = new OpenClGenerator();
    boolean half = false;
    for (PlannedKernel k : plan.kernels()) {
      String source = generator.lower(k.source(), k.workgroup(), plan::halfStorage).source();
      half |= source.contains("vstore_half4");
    }
    assertTrue(half, "some kernel stores halves");
    Map<Integer, NdArray> inputs = GraphBuilder.randomInputs(graph, new Random(7), 4f);
    Map<Integer, NdArray> expected = GraphBuilder.reference(graph, inputs);
    Map<Integer, float[]> actual = OpenClHarness.get().run(plan, inputs, generator);
    for (int t : graph.outputs()) {
      float[] want = expected.get(t).floats();
      float[] got = actual.get(t);
      assertEquals(want.length, got.length, "length of tensor " + t);
      double scale = 1;
      for (float w : want) {
        scale = Math.max(scale, Math.abs(w));
      }
      for (int i = 0; i < want.length; i++) {
        assertTrue(
            Math.abs(want[i] - got[i]) <= RELATIVE * scale,
            "tensor " + t + " element " + i + ": reference " + want[i] + ", fp16 " + got[i]);
      }
    }
  }
}
