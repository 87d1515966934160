package io.jlite.gles;

import io.jlite.gpu.kernel.GlslGenerator;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.gpu.testing.OpCases;
import io.jlite.ir.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every template's GLSL ES 3.10 compiles and links on the GLES driver (Mesa llvmpipe in CI): each
 * case of gpu-common's {@code OpCases} is planned without passes (every constant a buffer) and with
 * all of them (every constant inlined), lowered with {@link GlslGenerator} and built through the
 * context's program builder, as {@link GlesPartition} builds it. A rejected shader fails with the
 * driver's info log and the numbered source ({@link ShaderBuildException}); also with tensors as
 * image textures, in fp32 and fp16 ({@code TextureStudy} in bench/ measures them). (What the
 * kernels compute is checked against the reference on OpenCL by gpu-common's {@code
 * TemplatesOnOpenClTest} and end to end on GLES by {@code MediaPipeOnGlesTest}.)
 */
class TemplatesOnGlslTest {
  private static GlesContext context;

  @BeforeAll
  static void open() {
    context = TestContexts.open();
  }

  @AfterAll
  static void close() {
    if (context != null) {
      context.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTemplateCompilesAndLinks() {
    List<DynamicTest> tests = new ArrayList<>();
    for (OpCases.Variant v : OpCases.variants()) {
      tests.add(
          DynamicTest.dynamicTest(
              v.name(), () -> build(v.graph(), v.options(), v.inlineLimit(), false)));
      // The same kernels with tensors as image2D (rgba32f; rgba16f with half storage).
      for (boolean half : new boolean[] {false, true}) {
        tests.add(
            DynamicTest.dynamicTest(
                v.name() + ", image tensors" + (half ? ", fp16" : ""),
                () -> build(v.graph(), v.options().withHalfStorage(half), v.inlineLimit(), true)));
      }
      if (v.options().passes().isEmpty()) {
        // A partition's outputs keep 32 bits: followed by an unfused ADD, the case's own kernels
        // write rgba16f images.
        tests.add(
            DynamicTest.dynamicTest(
                v.name() + ", image tensors, fp16, as an intermediate",
                () ->
                    build(
                        GraphBuilder.withTrailingAdd(v.graph()),
                        v.options().withHalfStorage(true),
                        v.inlineLimit(),
                        true)));
      }
    }
    return tests.stream();
  }

  /**
   * Plans {@code graph} and builds every kernel, with every tensor the host does not copy in an
   * image texture when {@code images} (host buffers stay buffers, as in the delegate).
   */
  private static void build(
      Graph graph, GpuPlanner.Options options, int inlineLimit, boolean images) {
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), options);
    GlslGenerator generator =
        new GlslGenerator(inlineLimit, t -> images && !plan.hostBuffers().containsValue(t));
    for (PlannedKernel k : plan.kernels()) {
      LoweredKernel lowered =
          generator.lower(
              k.source(), GlesPartition.fit(k.workgroup(), context.info()), plan::halfStorage);
      // throws ShaderBuildException (info log and source) if the driver rejects it
      context.program(lowered.entryPoint(), lowered.source());
    }
  }
}
