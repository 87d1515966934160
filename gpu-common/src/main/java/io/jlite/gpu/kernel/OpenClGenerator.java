package io.jlite.gpu.kernel;

import io.jlite.gpu.layout.Phwc4Layout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lowers the neutral dialect to OpenCL C 1.2: tensors and constants are {@code __global float4*}
 * parameters (small constants become {@code __constant} arrays; by default a kernel's other
 * constants share one parameter, see {@link #withPackedConstants}), {@code vec4} is {@code float4},
 * the constructor-style casts {@code vec4(..)}, {@code float(..)}, {@code int(..)} become C casts,
 * float literals get an {@code f} suffix (so no double arithmetic sneaks in), and floating-point
 * contraction is switched off so that {@code a·b + c} rounds like the reference (unless made {@link
 * #withFusedMultiplyAdd}).
 *
 * <p>Kernels of one partition share one program ({@link #program}): building one program of many
 * kernels costs a fraction of building each alone, so inlined constants are named after their
 * kernel.
 *
 * <p>On NVIDIA devices a generator made {@link #withL2Prefetch} starts every kernel by asking the
 * L2 cache for all of the kernel's constant buffers at once (see {@link #prologue}).
 */
public final class OpenClGenerator extends CodeGenerator {
  private static final Pattern VEC4_CTOR = Pattern.compile("\\bvec4\\s*\\(");
  private static final Pattern VEC4 = Pattern.compile("\\bvec4\\b");
  private static final Pattern FLOAT_CAST = Pattern.compile("\\bfloat\\s*\\(");
  private static final Pattern INT_CAST = Pattern.compile("(?<![\\w.])int\\s*\\((?!\\s*\\))");
  private static final Pattern FLOAT_LITERAL =
      Pattern.compile("(?<![\\w.])(\\d+\\.\\d*(?:[eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+)(?![\\w.])");

  /** The name of a helper function: the first identifier followed by an opening parenthesis. */
  private static final Pattern FUNCTION_NAME = Pattern.compile("(\\w+)\\s*\\(");

  /** A generator inlining constants of up to {@link #DEFAULT_INLINE_LIMIT} floats. */
  public OpenClGenerator() {
    this(DEFAULT_INLINE_LIMIT);
  }

  /** Bytes one L2 prefetch asks for: an L2 cache line of NVIDIA GPUs. */
  static final int PREFETCH_LINE_BYTES = 128;

  private final boolean l2Prefetch;
  private final boolean packedConstants;
  private final boolean fusedMultiplyAdd;
  private final boolean halfWeights;

  /** A generator inlining constants of up to {@code inlineLimit} floats (0: none). */
  public OpenClGenerator(int inlineLimit) {
    this(inlineLimit, false, true, false, false);
  }

  private OpenClGenerator(
      int inlineLimit,
      boolean l2Prefetch,
      boolean packedConstants,
      boolean fusedMultiplyAdd,
      boolean halfWeights) {
    super(inlineLimit);
    this.l2Prefetch = l2Prefetch;
    this.packedConstants = packedConstants;
    this.fusedMultiplyAdd = fusedMultiplyAdd;
    this.halfWeights = halfWeights;
  }

  /**
   * This generator, but its kernels prefetch their constant buffers into the L2 cache first, with
   * inline PTX: only NVIDIA's OpenCL compiler accepts the result.
   */
  public OpenClGenerator withL2Prefetch() {
    return new OpenClGenerator(inlineLimit(), true, packedConstants, fusedMultiplyAdd, halfWeights);
  }

  /**
   * This generator, with a kernel's buffer constants packed into one parameter (the default, see
   * {@link CodeGenerator}) or each its own parameter.
   */
  public OpenClGenerator withPackedConstants(boolean packed) {
    return new OpenClGenerator(inlineLimit(), l2Prefetch, packed, fusedMultiplyAdd, halfWeights);
  }

  /**
   * This generator, with floating-point contraction on ({@code FP_CONTRACT ON}: the compiler may
   * evaluate {@code a·b + c} as one fused multiply-add, rounding once) or off (the default: every
   * product and sum rounds as in the reference). Why offer it: the templates' inner loops are
   * chains of multiply-adds, and fusing them took 50–65 µs (about 3 %) off pose_landmark_heavy's
   * 1.83 ms on an H200 (bench/RESULTS.md); the price is results that differ from the reference's
   * rounding.
   */
  public OpenClGenerator withFusedMultiplyAdd(boolean fused) {
    return new OpenClGenerator(inlineLimit(), l2Prefetch, packedConstants, fused, halfWeights);
  }

  /**
   * This generator, with buffer constants stored as 16-bit floats where every value is exact in 16
   * bits (read with {@code vload_half4} into 32-bit vec4s: results do not change), or not (the
   * default).
   */
  public OpenClGenerator withHalfWeights(boolean half) {
    return new OpenClGenerator(inlineLimit(), l2Prefetch, packedConstants, fusedMultiplyAdd, half);
  }

  @Override
  protected boolean halfConstants() {
    return halfWeights;
  }

  /**
   * What this generator's kernels differ in from the default's beyond their code ("l2 prefetch",
   * "unpacked constants", "fused multiply-add"), comma-separated; empty for the default.
   */
  public String variant() {
    List<String> parts = new ArrayList<>();
    if (l2Prefetch) {
      parts.add("l2 prefetch");
    }
    if (!packedConstants) {
      parts.add("unpacked constants");
    }
    if (fusedMultiplyAdd) {
      parts.add("fused multiply-add");
    }
    if (halfWeights) {
      parts.add("half weights");
    }
    return String.join(", ", parts);
  }

  /**
   * One OpenCL program holding all of {@code kernels} (lowered by an {@code OpenClGenerator}): the
   * header once, every kernel's inlined constants (named after their kernel, so they cannot clash),
   * each helper function once (the activation helpers recur in most kernels), then the entry
   * points, in order. A kernel with a helper that another kernel defines under the same name but
   * with other text (a helper that expands its kernel's arguments) gets its own copies of its
   * helpers instead, renamed with its entry point, calls included.
   *
   * @throws IllegalArgumentException if two kernels have the same entry point
   * @throws KernelSyntaxException if a helper function has no name
   */
  public static String program(List<LoweredKernel> kernels) {
    Set<String> headers = new LinkedHashSet<>();
    StringBuilder definitions = new StringBuilder();
    Map<String, String> helpers = new LinkedHashMap<>();
    StringBuilder entries = new StringBuilder();
    Set<String> entryPoints = new HashSet<>();
    for (LoweredKernel k : kernels) {
      if (!entryPoints.add(k.entryPoint())) {
        throw new IllegalArgumentException("two kernels are named " + k.entryPoint());
      }
      headers.add(k.header());
      definitions.append(k.definitions());
      List<String> functions = k.functions();
      String entry = k.entry();
      if (functions.stream().anyMatch(f -> !helpers.getOrDefault(functionName(f), f).equals(f))) {
        for (String f : k.functions()) {
          Pattern call = Pattern.compile("\\b" + Pattern.quote(functionName(f)) + "\\b");
          String own = Matcher.quoteReplacement(functionName(f) + "_" + k.entryPoint());
          functions = functions.stream().map(g -> call.matcher(g).replaceAll(own)).toList();
          entry = call.matcher(entry).replaceAll(own);
        }
      }
      for (String f : functions) {
        helpers.putIfAbsent(functionName(f), f);
      }
      entries.append(entry);
    }
    return String.join("", headers) + definitions + String.join("", helpers.values()) + entries;
  }

  private static String functionName(String function) {
    Matcher m = FUNCTION_NAME.matcher(function);
    if (!m.find()) {
      throw new KernelSyntaxException("a helper function without a name: " + function.strip());
    }
    return m.group(1);
  }

  /** Kernels share a program: a program-scope name carries its kernel's. */
  @Override
  protected String constantName(String entryPoint, String arg) {
    return entryPoint + "_" + arg;
  }

  /**
   * With {@link #withL2Prefetch}: the kernel's work items together issue one {@code
   * prefetch.global.L2} per cache line of every constant buffer, before the body. Why: a model's
   * weights (55 MB for pose_landmark_heavy) do not stay in the L2 between runs, and the templates
   * read them step by step in serial loops, so without this each step waits for DRAM; the
   * prefetches are issued together and do not hold registers or stall the item. Measured on an
   * H200: heavy's device span 1523–1531 → 1417–1436 µs (bench/RESULTS.md).
   */
  @Override
  protected String prologue(List<KernelArg> parameters) {
    List<ConstArg> constants = new ArrayList<>();
    for (KernelArg a : parameters) {
      if (a instanceof ConstArg c) {
        constants.add(c);
      }
    }
    if (!l2Prefetch || constants.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("{\n");
    s.append(
        "  const int prefetch_items = (int)(get_global_size(0) * get_global_size(1) *"
            + " get_global_size(2));\n");
    s.append(
        "  const int prefetch_item = (int)(get_global_id(0) + get_global_size(0) * (get_global_id(1) +"
            + " get_global_size(1) * get_global_id(2)));\n");
    for (ConstArg c : constants) {
      // The pointer steps in its own units: a half constant's in halves, the others' in float4s.
      int perLine =
          PREFETCH_LINE_BYTES / (c.half() ? Short.BYTES : Phwc4Layout.LANES * Float.BYTES);
      long lines = (c.deviceBytes() + PREFETCH_LINE_BYTES - 1) / PREFETCH_LINE_BYTES;
      s.append("  for (int line = prefetch_item; line < ")
          .append(lines)
          .append("; line += prefetch_items) {\n")
          .append("    asm volatile(\"prefetch.global.L2 [%0];\" :: \"l\"(")
          .append(c.name())
          .append(" + ")
          .append(perLine)
          .append(" * line));\n  }\n");
    }
    return s.append("}\n").toString();
  }

  @Override
  public String language() {
    return "OpenCL C";
  }

  /**
   * A kernel's buffer constants share one parameter (see {@link CodeGenerator}'s packing) unless
   * made {@link #withPackedConstants withPackedConstants(false)}.
   */
  @Override
  protected boolean packsConstants() {
    return packedConstants;
  }

  /**
   * Pointer arithmetic on the packed parameter itself, not a pointer variable: every read stays
   * visibly based on a {@code const restrict} parameter.
   */
  @Override
  protected String packedView(String packed, int vec4Offset) {
    return vec4Offset == 0 ? packed : "(" + packed + " + " + vec4Offset + ")";
  }

  @Override
  protected String header(Grid workgroup) {
    return fusedMultiplyAdd
        ? "#pragma OPENCL FP_CONTRACT ON\n"
        : "#pragma OPENCL FP_CONTRACT OFF\n";
  }

  @Override
  protected String entrySignature(String name, List<KernelArg> parameters, Set<String> half) {
    List<String> params = new ArrayList<>();
    for (KernelArg a : parameters) {
      boolean output = a instanceof TensorArg t && t.output();
      // A half buffer is a half* (allowed without cl_khr_fp16), read and written with vload/vstore.
      String type = half.contains(a.name()) ? "half* restrict " : "float4* restrict ";
      params.add("__global " + (output ? "" : "const ") + type + a.name());
    }
    return "__kernel void " + name + "(" + String.join(", ", params) + ")";
  }

  @Override
  protected String inlineConstant(ConstArg c) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < c.length(); i += 4) {
      items.add(
          "(float4)("
              + floatLiteral(c.get(i), "f")
              + ", "
              + floatLiteral(c.get(i + 1), "f")
              + ", "
              + floatLiteral(c.get(i + 2), "f")
              + ", "
              + floatLiteral(c.get(i + 3), "f")
              + ")");
    }
    return "__constant float4 "
        + c.name()
        + "["
        + items.size()
        + "] = {"
        + String.join(", ", items)
        + "};";
  }

  @Override
  protected String globalId(int axis) {
    return "((int)get_global_id(" + axis + "))";
  }

  @Override
  protected String localId(int axis) {
    return "((int)get_local_id(" + axis + "))";
  }

  @Override
  protected String barrier() {
    return "barrier(CLK_LOCAL_MEM_FENCE)";
  }

  @Override
  protected String sharedArray(String name, int length, List<String> globals) {
    return "__local float4 " + name + "[" + length + "]";
  }

  @Override
  protected String vec4Splat(String scalar) {
    return "((float4)(" + scalar + "))";
  }

  @Override
  protected String vec4Read(KernelArg t, String index, boolean half) {
    String name = t.name();
    return half ? "vload_half4(" + index + ", " + name + ")" : name + "[" + index + "]";
  }

  @Override
  protected String vec4Write(KernelArg t, String index, String value, boolean half) {
    String name = t.name();
    return half
        ? "vstore_half4(" + value + ", " + index + ", " + name + ")"
        : name + "[" + index + "] = " + value;
  }

  @Override
  protected String scalarWrite(KernelArg t, String index, String lane, String value) {
    return "((__global float*)" + t.name() + ")[4 * (" + index + ") + " + lane + "] = " + value;
  }

  @Override
  protected String scalarRead(
      KernelArg t, String index, String lane, boolean inlinedConstant, boolean half) {
    String name = t.name();
    if (half) {
      return "vload_half(4 * (" + index + ") + " + lane + ", " + name + ")";
    }
    String space = inlinedConstant ? "__constant" : "__global const";
    return "((" + space + " float*)" + name + ")[4 * (" + index + ") + " + lane + "]";
  }

  @Override
  protected String rewrite(String dialect) {
    String s = FLOAT_LITERAL.matcher(dialect).replaceAll("$1f");
    s = VEC4_CTOR.matcher(s).replaceAll("(float4)(");
    s = VEC4.matcher(s).replaceAll("float4");
    s = FLOAT_CAST.matcher(s).replaceAll("(float)(");
    return INT_CAST.matcher(s).replaceAll("(int)(");
  }
}
