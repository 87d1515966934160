package io.jlite.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.layout.Phwc4Layout;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenClGenerator#program}: several kernels in one program source without clashing
 * program-scope names (whether it compiles is checked on a device in desktop-gpu).
 */
class OpenClProgramTest {
  private static final Phwc4Layout FOUR = new Phwc4Layout(1, 1, 1, 4);
  private static final String BODY =
      """
      int b = 0; int y = 0; int x = 0; int s = 0;
      $WRITE(dst, b, y, x, s, $READ(src, b, y, x, s) + $CONST(bias, 0));
      """;
  private static final String RELU6 =
      "float jl_relu6(float v) { return v > 6.0 ? 6.0 : (v < 0.0 ? 0.0 : v); }";

  /** A kernel adding its own small bias, then RELU6: the shape of a CONV_2D epilogue. */
  private static KernelSource kernel(String name, float bias, List<String> functions) {
    return new KernelSource(
        name,
        functions,
        BODY,
        List.of(
            new TensorArg("src", 0, FOUR, false),
            new TensorArg("dst", 1, FOUR, true),
            ConstArg.weights("bias", new float[] {bias, bias, bias, bias})),
        new Grid(1, 1, 1),
        "value = vec4(jl_relu6(value.x), jl_relu6(value.y), jl_relu6(value.z), jl_relu6(value.w));\n");
  }

  private static LoweredKernel lower(KernelSource k) {
    return new OpenClGenerator().lower(k, new Grid(1, 1, 1));
  }

  private static int count(String text, String regex) {
    return (int) Pattern.compile(regex).matcher(text).results().count();
  }

  @Test
  void kernelsKeepTheirOwnConstantsAndShareIdenticalHelpersAndTheHeader() {
    String program =
        OpenClGenerator.program(
            List.of(
                lower(kernel("k0_conv", 1f, List.of(RELU6))),
                lower(kernel("k1_conv", 2f, List.of(RELU6)))));
    assertEquals(1, count(program, "#pragma OPENCL FP_CONTRACT OFF"), program);
    assertEquals(1, count(program, "float jl_relu6\\("), program);
    assertTrue(program.contains("__constant float4 k0_conv_bias[1] = {(float4)(1.0f,"), program);
    assertTrue(program.contains("__constant float4 k1_conv_bias[1] = {(float4)(2.0f,"), program);
    assertEquals(2, count(program, "__kernel void k[01]_conv\\("), program);
    // Each entry point reads its own bias.
    String second = program.substring(program.indexOf("__kernel void k1_conv("));
    assertTrue(second.contains("k1_conv_bias[0]") && !second.contains("k0_conv_bias"), second);
  }

  @Test
  void oneKernelIsItsOwnSource() {
    LoweredKernel k = lower(kernel("k0_conv", 1f, List.of(RELU6)));
    assertEquals(k.source(), OpenClGenerator.program(List.of(k)));
  }

  @Test
  void aHelperNamedLikeAnotherKernelsButDifferentIsRenamedForItsKernel() {
    // The helper reads the kernel's inlined bias, so its text differs between kernels.
    String reads = "float jl_bias(int i) { return $CONST(bias, 0).x; }";
    String calls = "float jl_twice(float v) { return 2.0 * jl_bias(0) + v; }";
    String epilogue = "value = value + vec4(jl_twice(0.0));\n";
    KernelSource a = withEpilogue(kernel("k0_a", 1f, List.of(reads, calls)), epilogue);
    KernelSource b = withEpilogue(kernel("k1_b", 2f, List.of(reads, calls)), epilogue);
    String program = OpenClGenerator.program(List.of(lower(a), lower(b)));
    assertTrue(program.contains("float jl_bias(int i) { return k0_a_bias[0].x; }"), program);
    assertTrue(program.contains("float jl_bias_k1_b(int i) { return k1_b_bias[0].x; }"), program);
    // The second kernel's identical-looking helper calls its own copy, and its entry point too.
    assertTrue(program.contains("jl_twice_k1_b(float v) { return 2.0f * jl_bias_k1_b(0)"), program);
    String second = program.substring(program.indexOf("__kernel void k1_b("));
    assertTrue(second.contains("jl_twice_k1_b(0.0f)") && !second.contains("jl_twice("), second);
    assertEquals(1, count(program, "float jl_twice\\("), program);
  }

  private static KernelSource withEpilogue(KernelSource k, String epilogue) {
    return new KernelSource(k.name(), k.functions(), k.body(), k.args(), k.grid(), epilogue);
  }

  @Test
  void twoKernelsOfOneNameAreRejected() {
    LoweredKernel k = lower(kernel("k0_conv", 1f, List.of()));
    assertThrows(IllegalArgumentException.class, () -> OpenClGenerator.program(List.of(k, k)));
  }
}
