package io.jlite.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Conv2D;
import io.jlite.ops.HardSwish;
import io.jlite.ops.Logistic;
import io.jlite.ops.Padding;
import io.jlite.ops.Sub;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lowering rules of the dialect, on hand-written kernels and a planned fused one. */
class CodeGeneratorTest {
  private static final Phwc4Layout SIX = new Phwc4Layout(1, 2, 3, 6);
  private static final TensorArg SRC = new TensorArg("src", 0, SIX, false);
  private static final TensorArg DST = new TensorArg("dst", 1, SIX, true);
  private static final String BODY =
      "int b = 0; int y = 0; int x = 0; int s = 1;\n$WRITE(dst, b, y, x, s, $READ(src, b, y, x, s) * 2.5);\n";

  private static KernelSource kernel(String epilogue, List<KernelArg> extra) {
    List<KernelArg> args = new java.util.ArrayList<>(List.of(SRC, DST));
    args.addAll(extra);
    return new KernelSource("k", List.of(), BODY, args, new Grid(3, 2, 2), epilogue);
  }

  @Test
  void readIndexSkipsUnitAxesAndUsesVec4Strides() {
    // B = 1 drops the batch term; S = 2, H = 2, W = 3: index = s·6 + y·3 + x
    assertEquals("(s) * 6 + (y) * 3 + (x)", CodeGenerator.index(SIX, "b", "y", "x", "s"));
    assertEquals("0", CodeGenerator.index(new Phwc4Layout(1, 1, 1, 4), "b", "y", "x", "s"));
  }

  @Test
  void openClSpellsTypesCastsAndFloatLiterals() {
    String src =
        new OpenClGenerator()
            .lower(kernel("value = vec4(float(x), 1.0, 2e3, 0.5);\n", List.of()), new Grid(1, 1, 1))
            .source();
    assertTrue(src.contains("(float4)((float)(x), 1.0f, 2e3f, 0.5f)"), src);
    assertTrue(src.contains("* 2.5f"), src);
    assertTrue(
        src.contains(
            "__kernel void k(__global const float4* restrict src, __global float4* restrict dst)"),
        src);
    assertFalse(src.contains("vec4"), src);
    assertFalse(src.contains("$"), src);
  }

  @Test
  void glslDeclaresBlocksAtBindingsAndWorkgroupSize() {
    String src =
        new GlslGenerator()
            .lower(kernel("value = fmax(value, vec4(0.0));\n", List.of()), new Grid(8, 4, 1))
            .source();
    assertTrue(src.startsWith("#version 310 es\n"), src);
    assertTrue(
        src.contains("layout(local_size_x = 8, local_size_y = 4, local_size_z = 1) in;"), src);
    assertTrue(
        src.contains("layout(std430, binding = 0) readonly buffer B_src { vec4 src[]; };"), src);
    assertTrue(
        src.contains("layout(std430, binding = 1) writeonly buffer B_dst { vec4 dst[]; };"), src);
    assertTrue(src.contains("max(value, vec4(0.0))") && !src.contains("fmax"), src);
  }

  @Test
  void glslPutsTheChosenTensorsInImagesNumberedApartFromBuffers() {
    // A constant too large to inline stays a buffer; dst (tensor 1) is an image, src a buffer.
    ConstArg weights = ConstArg.weights("w", new float[100]);
    GlslGenerator generator = new GlslGenerator(CodeGenerator.DEFAULT_INLINE_LIMIT, t -> t == 1);
    LoweredKernel lowered = generator.lower(kernel("", List.of(weights)), new Grid(1, 1, 1));
    String src = lowered.source();
    assertTrue(
        src.contains("layout(std430, binding = 0) readonly buffer B_src { vec4 src[]; };"), src);
    // The first image is unit 0 although it is parameter 1; the constant is storage binding 1.
    assertTrue(
        src.contains("layout(rgba32f, binding = 0) writeonly uniform highp image2D dst;"), src);
    assertTrue(src.contains("layout(std430, binding = 1) readonly buffer B_w { vec4 w[]; };"), src);
    // SIX is 3 wide: vec4 i of dst is texel (i % 3, i / 3).
    assertTrue(src.contains("imageStore(dst, ivec2(("), src);
    assertTrue(src.contains(") % 3, (") && src.contains(") / 3)"), src);
    assertTrue(src.contains("src[(s) * 6 + (y) * 3 + (x)]"), src);
    List<KernelArg> parameters = lowered.parameters();
    assertEquals(
        List.of(0, 0, 1),
        List.of(0, 1, 2).stream().map(i -> generator.binding(parameters, i)).toList());
    assertEquals(List.of(false, true, false), parameters.stream().map(generator::isImage).toList());
    // All or nothing still works: both tensors images, units 0 and 1; the constant binding 0.
    String all =
        new GlslGenerator(CodeGenerator.DEFAULT_INLINE_LIMIT, true)
            .lower(kernel("", List.of(weights)), new Grid(1, 1, 1))
            .source();
    assertTrue(
        all.contains("layout(rgba32f, binding = 0) readonly uniform highp image2D src;"), all);
    assertTrue(
        all.contains("layout(rgba32f, binding = 1) writeonly uniform highp image2D dst;"), all);
    assertTrue(all.contains("layout(std430, binding = 0) readonly buffer B_w"), all);
  }

  @Test
  void epilogueAppearsExactlyOnceAndBeforeTheStore() {
    String marker = "value = value * 3.0;";
    for (CodeGenerator g : List.of(new OpenClGenerator(), new GlslGenerator())) {
      String src = g.lower(kernel(marker + "\n", List.of()), new Grid(1, 1, 1)).source();
      String spelled = g instanceof OpenClGenerator ? "value = value * 3.0f;" : marker;
      assertEquals(src.indexOf(spelled), src.lastIndexOf(spelled), src);
      assertTrue(
          src.indexOf(spelled) >= 0 && src.indexOf(spelled) < src.indexOf("dst[(s) * 6"), src);
    }
  }

  @Test
  void aPlannedFusedChainHasEachEpilogueStepOnceInBothLanguages() {
    // CONV_2D with RELU6, then SUB of the graph input (a tensor: not folded), HARD_SWISH, LOGISTIC
    GraphBuilder g = new GraphBuilder(5);
    int in = g.input(1, 3, 3, 4);
    int conv =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU6),
            in,
            g.constant(1f, 4, 3, 3, 4),
            g.constant(1f, 4));
    int sub = g.op("SUB", new Sub(Activation.NONE), in, conv);
    g.op("LOGISTIC", new Logistic(), g.op("HARD_SWISH", new HardSwish(), sub));
    Graph graph = g.build();
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.DEFAULT);
    assertEquals(1, plan.kernels().size(), "one fused kernel");
    PlannedKernel k = plan.kernels().get(0);
    List<String> steps =
        List.of("jl_relu6(value.x)", "e0[(", "jl_hard_swish(value.x)", "jl_logistic(value.x)");
    for (CodeGenerator generator : List.of(new OpenClGenerator(), new GlslGenerator())) {
      String src = generator.lower(k.source(), k.workgroup()).source();
      int previous = -1;
      for (String step : steps) {
        int at = src.indexOf(step);
        assertTrue(at > previous, step + " once, after the step before it:\n" + src);
        assertEquals(at, src.lastIndexOf(step), step + " exactly once:\n" + src);
        previous = at;
      }
      assertTrue(previous < src.indexOf("dst[("), "the chain runs before the store:\n" + src);
      for (String helper : List.of("jl_relu6(float", "jl_hard_swish(float", "jl_logistic(float")) {
        assertEquals(src.indexOf(helper), src.lastIndexOf(helper), helper + " defined once");
      }
    }
  }

  @Test
  void paddingLanesOfTheLastSliceAreZeroed() {
    String src = new OpenClGenerator().lower(kernel("", List.of()), new Grid(1, 1, 1)).source();
    // 6 channels: lanes z and w of slice 1 are padding
    assertTrue(src.contains("if (s == 1) { value.z = 0.0f; value.w = 0.0f; }"), src);
    String four =
        new OpenClGenerator()
            .lower(
                new KernelSource(
                    "k",
                    List.of(),
                    BODY,
                    List.of(
                        new TensorArg("src", 0, new Phwc4Layout(1, 2, 3, 4), false),
                        new TensorArg("dst", 1, new Phwc4Layout(1, 2, 3, 4), true)),
                    new Grid(1, 1, 1),
                    ""),
                new Grid(1, 1, 1))
            .source();
    assertFalse(four.contains("value.w = 0"), four);
  }

  @Test
  void smallFiniteConstantsAreInlinedOthersBecomeParameters() {
    ConstArg small = ConstArg.weights("w", new float[] {1, 2, 3, 4});
    ConstArg infinite = ConstArg.weights("inf", new float[] {Float.POSITIVE_INFINITY, 0, 0, 0});
    ConstArg big = ConstArg.weights("big", new float[CodeGenerator.DEFAULT_INLINE_LIMIT + 4]);
    LoweredKernel k =
        new OpenClGenerator()
            .lower(
                kernel(
                    "value = value + $CONST(w, 0) + $CONST(inf, 0) + $CONST(big, 1);\n",
                    List.of(small, infinite, big)),
                new Grid(1, 1, 1));
    assertEquals(List.of(small), k.inlined());
    // OpenCL packs the two buffer constants into one parameter (see the packing test).
    assertEquals(
        List.of("src", "dst", CodeGenerator.PACKED_CONSTANTS),
        k.parameters().stream().map(KernelArg::name).toList());
    assertTrue(
        k.source().contains("__constant float4 k_w[1] = {(float4)(1.0f, 2.0f, 3.0f, 4.0f)};"),
        k.source());
    assertTrue(k.source().contains("k_w[0]"), "read under its program-scope name: " + k.source());
    LoweredKernel none =
        new OpenClGenerator(0)
            .lower(kernel("value = value + $CONST(w, 0);\n", List.of(small)), new Grid(1, 1, 1));
    assertTrue(none.inlined().isEmpty());
  }

  @Test
  void openClPacksTheBufferConstantsOfAKernelIntoOneParameterReadAtTheirOffsets() {
    ConstArg a = ConstArg.weights("a", new float[] {1, 2, 3, 4, 5, 6, 7, 8}); // 2 vec4s
    ConstArg bias = ConstArg.weights("bias", new float[] {9, 10, 11, 12});
    KernelSource k = kernel("value = value + $CONST(a, 1) * $CONST(bias, 0);\n", List.of(a, bias));
    LoweredKernel lowered = new OpenClGenerator(0).lower(k, new Grid(1, 1, 1));
    ConstArg packed = (ConstArg) lowered.parameters().get(2);
    assertEquals(3, lowered.parameters().size(), lowered.parameters().toString());
    assertEquals(CodeGenerator.PACKED_CONSTANTS, packed.name());
    // a's floats, then bias's: bias starts at vec4 2.
    float[] expected = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    assertArrayEquals(expected, packed.toArray());
    String src = lowered.source();
    assertTrue(src.contains("jl_constants[1] * (jl_constants + 2)[0]"), src);
    assertTrue(src.contains("__global const float4* restrict jl_constants"), src);
    assertFalse(src.contains(" bias"), "no parameter of its own: " + src);
    // One buffer constant stays as it is; GLSL never packs.
    LoweredKernel alone =
        new OpenClGenerator(0)
            .lower(kernel("value = $CONST(a, 1);\n", List.of(a)), new Grid(1, 1, 1));
    assertEquals(List.of(SRC, DST, a), alone.parameters());
    LoweredKernel glsl = new GlslGenerator(0).lower(k, new Grid(1, 1, 1));
    assertEquals(List.of(SRC, DST, a, bias), glsl.parameters());
    OpenClGenerator unpacked = new OpenClGenerator(0).withPackedConstants(false);
    assertEquals(List.of(SRC, DST, a, bias), unpacked.lower(k, new Grid(1, 1, 1)).parameters());
    assertEquals("unpacked constants", unpacked.variant());
    assertEquals("l2 prefetch, unpacked constants", unpacked.withL2Prefetch().variant());
    assertEquals("", new OpenClGenerator().variant());
  }

  @Test
  void halfWeightsStoreExactConstantsIn16BitsAndReadThemAtHalfOffsets() {
    ConstArg a = ConstArg.weights("a", new float[] {1, 2, 3, 4, 5, 6, 7, 8}); // 2 vec4s
    ConstArg bias = ConstArg.weights("bias", new float[] {9, 10, 11, 0.5f});
    KernelSource k = kernel("value = value + $CONST(a, 1) * $CONST(bias, 0);\n", List.of(a, bias));
    OpenClGenerator half = new OpenClGenerator(0).withHalfWeights(true).withL2Prefetch();
    LoweredKernel lowered = half.lower(k, new Grid(1, 1, 1));
    ConstArg packed = (ConstArg) lowered.parameters().get(2);
    assertTrue(packed.half());
    // 1.0 is 0x3c00, 0.5 is 0x3800 in half; the data itself stays the same floats.
    assertEquals((short) 0x3c00, packed.halfBits()[0]);
    assertEquals((short) 0x3800, packed.halfBits()[11]);
    String src = lowered.source();
    assertTrue(src.contains("__global const half* restrict jl_constants"), src);
    // bias starts at float 8, counted in halves on a half pointer.
    assertTrue(
        src.contains("vload_half4(1, jl_constants) * vload_half4(0, (jl_constants + 8))"), src);
    // 24 bytes: one 128-byte line, 64 halves apart.
    assertTrue(src.contains("line < 1;") && src.contains("jl_constants + 64 * line"), src);
    assertEquals("l2 prefetch, half weights", half.variant());
    // One value a half does not hold keeps the whole buffer 32-bit.
    ConstArg inexact = ConstArg.weights("bias", new float[] {9, 10, 11, 0.1f});
    LoweredKernel kept =
        half.lower(
            kernel("value = value + $CONST(a, 1) * $CONST(bias, 0);\n", List.of(a, inexact)),
            new Grid(1, 1, 1));
    assertFalse(((ConstArg) kept.parameters().get(2)).half());
    assertTrue(kept.source().contains("jl_constants[1] * (jl_constants + 2)[0]"), kept.source());
    // Unpacked, each exact constant is its own half buffer.
    LoweredKernel apart =
        half.withPackedConstants(false)
            .lower(
                kernel("value = value + $CONST(a, 1) * $CONST(bias, 0);\n", List.of(a, inexact)),
                new Grid(1, 1, 1));
    assertTrue(((ConstArg) apart.parameters().get(2)).half());
    assertFalse(((ConstArg) apart.parameters().get(3)).half());
    assertTrue(apart.source().contains("vload_half4(1, a) * bias[0]"), apart.source());
    // GLSL never stores constants in half.
    assertFalse(new GlslGenerator(0).lower(k, new Grid(1, 1, 1)).source().contains("half"));
  }

  @Test
  void aKernelWhoseHelperNamesABufferConstantKeepsItsBuffersApart() {
    ConstArg a = ConstArg.weights("a", new float[] {1, 2, 3, 4});
    ConstArg alpha = ConstArg.weights("alpha", new float[] {5, 6, 7, 8});
    KernelSource k =
        new KernelSource(
            "k",
            List.of("vec4 jl_scaled(vec4 v) { return v * $CONST(alpha, 0); }"),
            BODY,
            List.of(SRC, DST, a, alpha),
            new Grid(3, 2, 2),
            "value = jl_scaled(value) + $CONST(a, 0);\n");
    assertEquals(
        List.of(SRC, DST, a, alpha),
        new OpenClGenerator(0).lower(k, new Grid(1, 1, 1)).parameters());
  }

  @Test
  void l2PrefetchAsksForEveryCacheLineOfTheConstantBuffersBeforeTheBody() {
    ConstArg small = ConstArg.weights("w", new float[] {1, 2, 3, 4});
    ConstArg big = ConstArg.weights("big", new float[68]); // 272 bytes: 3 lines of 128
    ConstArg bigger = ConstArg.weights("bigger", new float[256]); // 1024 bytes: 8 lines
    KernelSource k =
        kernel(
            "value = value + $CONST(w, 0) + $CONST(big, 1) + $CONST(bigger, 2);\n",
            List.of(small, big, bigger));
    String src = new OpenClGenerator().withL2Prefetch().lower(k, new Grid(1, 1, 1)).source();
    // big and bigger are packed: 1296 bytes, 11 lines (10.1 rounded up).
    assertEquals(1, src.split("prefetch\\.global\\.L2", -1).length - 1, src);
    assertTrue(src.contains("line < 11;") && src.contains("jl_constants + 8 * line"), src);
    String one =
        new OpenClGenerator()
            .withL2Prefetch()
            .lower(kernel("value = value + $CONST(big, 1);\n", List.of(big)), new Grid(1, 1, 1))
            .source();
    assertTrue(one.contains("line < 3;") && one.contains("big + 8 * line"), one);
    assertFalse(src.contains("k_w + "), "an inlined constant is not a buffer: " + src);
    assertTrue(src.indexOf("prefetch.global.L2") < src.indexOf("int b = 0;"), src);
    assertFalse(new OpenClGenerator().lower(k, new Grid(1, 1, 1)).source().contains("prefetch"));
    String onlyInlined =
        new OpenClGenerator()
            .withL2Prefetch()
            .lower(kernel("value = value + $CONST(w, 0);\n", List.of(small)), new Grid(1, 1, 1))
            .source();
    assertFalse(onlyInlined.contains("prefetch"), onlyInlined);
  }

  @Test
  void contractionIsOffUnlessFusedMultiplyAddsAreAskedFor() {
    KernelSource k = kernel("value = value * 2.0 + 1.0;\n", List.of());
    String plain = new OpenClGenerator().lower(k, new Grid(1, 1, 1)).source();
    assertTrue(plain.startsWith("#pragma OPENCL FP_CONTRACT OFF\n"), plain);
    OpenClGenerator fused = new OpenClGenerator().withFusedMultiplyAdd(true);
    String src = fused.lower(k, new Grid(1, 1, 1)).source();
    assertTrue(src.startsWith("#pragma OPENCL FP_CONTRACT ON\n"), src);
    assertFalse(src.contains("FP_CONTRACT OFF"), src);
    assertEquals("fused multiply-add", fused.variant());
    // The other options keep it.
    assertEquals(
        "l2 prefetch, unpacked constants, fused multiply-add",
        fused.withL2Prefetch().withPackedConstants(false).variant());
    assertEquals("", fused.withFusedMultiplyAdd(false).variant());
  }

  @Test
  void broadcastReadSplatsAOneChannelOperand() {
    TensorArg one = new TensorArg("e0", 2, new Phwc4Layout(1, 2, 1, 1), false);
    String src =
        new OpenClGenerator()
            .lower(
                kernel("value = value + $READ_BC(e0, b, y, x, s);\n", List.of(one)),
                new Grid(1, 1, 1))
            .source();
    // W = 1 and S = 1 drop x and s; the single channel is splat
    assertTrue(src.contains("((float4)((e0[(y)]).x))"), src);
  }

  @Test
  void malformedKernelsAreRejectedWithTheReason() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new KernelSource("k", List.of(), "int s;", List.of(DST), new Grid(1, 1, 1), ""));
    KernelSource wrongCoordinates =
        new KernelSource(
            "k",
            List.of(),
            "$WRITE(dst, 0, 0, 0, 0, vec4(0.0));",
            List.of(DST),
            new Grid(1, 1, 1),
            "");
    assertThrows(
        KernelSyntaxException.class,
        () -> new OpenClGenerator().lower(wrongCoordinates, new Grid(1, 1, 1)));
    KernelSource unknown =
        new KernelSource(
            "k",
            List.of(),
            "$NOPE(src); $WRITE(dst, b, y, x, s, vec4(0.0));",
            List.of(SRC, DST),
            new Grid(1, 1, 1),
            "");
    assertThrows(
        KernelSyntaxException.class, () -> new GlslGenerator().lower(unknown, new Grid(1, 1, 1)));
    KernelSource writesInput =
        new KernelSource(
            "k",
            List.of(),
            "$WRITE(src, b, y, x, s, vec4(0.0));",
            List.of(SRC, DST),
            new Grid(1, 1, 1),
            "");
    assertThrows(
        KernelSyntaxException.class,
        () -> new OpenClGenerator().lower(writesInput, new Grid(1, 1, 1)));
  }
}
