package io.jlite.gpu.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Lowers the neutral dialect to a GLSL ES 3.10 compute shader: each tensor and non-inlined constant
 * is a shader storage block {@code { vec4 name[]; }} at binding point = its parameter index
 * (declared without an instance name, so the body's {@code name[i]} works unchanged), small
 * constants become {@code const vec4} arrays, and the workgroup size is written into the source.
 * The dialect is already GLSL-shaped; only {@code fmax}/{@code fmin} are renamed.
 *
 * <p>Tensors that {@code imageTensors} accepts (the paper's alternative to SSBOs) are {@code
 * image2D}s instead ({@code rgba32f}, or {@code rgba16f} for half storage): a PHWC4 tensor of
 * layout (B, H, W, C) is an image W wide and B·S·H high, vec4 {@code i} at {@code (i % W, i / W)};
 * constants stay buffers. Images and buffers are numbered apart ({@link #binding}): image unit =
 * index among the kernel's image parameters, storage binding point = index among its buffer
 * parameters (= parameter index when no tensor is an image). A backend binds textures of that size,
 * in the image's format, at those units.
 */
public final class GlslGenerator extends CodeGenerator {
  private static final Pattern FMAX = Pattern.compile("\\bfmax\\s*\\(");
  private static final Pattern FMIN = Pattern.compile("\\bfmin\\s*\\(");

  private final IntPredicate imageTensors;

  /** A generator inlining constants of up to {@link #DEFAULT_INLINE_LIMIT} floats. */
  public GlslGenerator() {
    this(DEFAULT_INLINE_LIMIT);
  }

  /** A generator inlining constants of up to {@code inlineLimit} floats (0: none). */
  public GlslGenerator(int inlineLimit) {
    this(inlineLimit, false);
  }

  /**
   * A generator inlining constants of up to {@code inlineLimit} floats, with every tensor in an
   * image texture when {@code imageTensors} (else in SSBOs).
   */
  public GlslGenerator(int inlineLimit, boolean imageTensors) {
    this(inlineLimit, tensor -> imageTensors);
  }

  /**
   * A generator inlining constants of up to {@code inlineLimit} floats, with the tensors (buffer
   * ids, {@link TensorArg#tensor()}) that {@code imageTensors} accepts in image textures and the
   * others in SSBOs. The predicate must answer the same for every kernel of a partition: a tensor's
   * storage is one GL object.
   */
  public GlslGenerator(int inlineLimit, IntPredicate imageTensors) {
    super(inlineLimit);
    this.imageTensors = imageTensors;
  }

  /** Whether parameter {@code a} is an {@code image2D} (a tensor the predicate accepts). */
  public boolean isImage(KernelArg a) {
    return a instanceof TensorArg t && imageTensors.test(t.tensor());
  }

  /**
   * The image unit (for an {@link #isImage image}) or storage binding point (for a buffer) of
   * {@code parameters.get(index)}: its index among the parameters of its own kind.
   *
   * @param parameters a lowered kernel's {@link LoweredKernel#parameters()}
   */
  public int binding(List<KernelArg> parameters, int index) {
    boolean image = isImage(parameters.get(index));
    int binding = 0;
    for (int i = 0; i < index; i++) {
      if (isImage(parameters.get(i)) == image) {
        binding++;
      }
    }
    return binding;
  }

  /** The image coordinates of vec4 {@code index} of tensor {@code t}. */
  private static String texel(KernelArg t, String index) {
    int w = t.layout().width();
    return "ivec2((" + index + ") % " + w + ", (" + index + ") / " + w + ")";
  }

  @Override
  public String language() {
    return "GLSL ES 3.10";
  }

  @Override
  protected String header(Grid workgroup) {
    return "#version 310 es\nprecision highp float;\nprecision highp int;\n"
        + "layout(local_size_x = "
        + workgroup.x()
        + ", local_size_y = "
        + workgroup.y()
        + ", local_size_z = "
        + workgroup.z()
        + ") in;\n";
  }

  @Override
  protected String entrySignature(String name, List<KernelArg> parameters, Set<String> half) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < parameters.size(); i++) {
      KernelArg a = parameters.get(i);
      boolean output = a instanceof TensorArg t && t.output();
      if (isImage(a)) {
        s.append("layout(")
            .append(half.contains(a.name()) ? "rgba16f" : "rgba32f")
            .append(", binding = ")
            .append(binding(parameters, i))
            .append(") ")
            .append(output ? "writeonly" : "readonly")
            .append(" uniform highp image2D ")
            .append(a.name())
            .append(";\n");
        continue;
      }
      s.append("layout(std430, binding = ")
          .append(binding(parameters, i))
          .append(") ")
          .append(output ? "writeonly" : "readonly")
          .append(" buffer B_")
          .append(a.name())
          // Half storage: four 16-bit floats packed in a uvec2 (packHalf2x16 pairs).
          .append(half.contains(a.name()) ? " { uvec2 " : " { vec4 ")
          .append(a.name())
          .append("[]; };\n");
    }
    return s + "void main()";
  }

  @Override
  protected String inlineConstant(ConstArg c) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < c.length(); i += 4) {
      items.add(
          "vec4("
              + floatLiteral(c.get(i), "")
              + ", "
              + floatLiteral(c.get(i + 1), "")
              + ", "
              + floatLiteral(c.get(i + 2), "")
              + ", "
              + floatLiteral(c.get(i + 3), "")
              + ")");
    }
    return "const vec4 "
        + c.name()
        + "["
        + items.size()
        + "] = vec4["
        + items.size()
        + "]("
        + String.join(", ", items)
        + ");";
  }

  @Override
  protected String globalId(int axis) {
    return "int(gl_GlobalInvocationID." + "xyz".charAt(axis) + ")";
  }

  @Override
  protected String localId(int axis) {
    return "int(gl_LocalInvocationID." + "xyz".charAt(axis) + ")";
  }

  @Override
  protected String barrier() {
    return "memoryBarrierShared();\n  barrier()";
  }

  @Override
  protected String sharedArray(String name, int length, List<String> globals) {
    // GLSL declares shared variables at global scope only.
    globals.add("shared vec4 " + name + "[" + length + "];");
    return "/* shared " + name + " */";
  }

  @Override
  protected String vec4Splat(String scalar) {
    return "vec4(" + scalar + ")";
  }

  @Override
  protected String vec4Read(KernelArg t, String index, boolean half) {
    String name = t.name();
    if (isImage(t)) {
      // The image's format does the fp16 conversion.
      return "imageLoad(" + name + ", " + texel(t, index) + ")";
    }
    if (!half) {
      return name + "[" + index + "]";
    }
    String u = name + "[" + index + "]";
    return "vec4(unpackHalf2x16(" + u + ".x), unpackHalf2x16(" + u + ".y))";
  }

  @Override
  protected String vec4Write(KernelArg t, String index, String value, boolean half) {
    String name = t.name();
    if (isImage(t)) {
      return "imageStore(" + name + ", " + texel(t, index) + ", " + value + ")";
    }
    if (!half) {
      return name + "[" + index + "] = " + value;
    }
    return name
        + "["
        + index
        + "] = uvec2(packHalf2x16(("
        + value
        + ").xy), packHalf2x16(("
        + value
        + ").zw))";
  }

  @Override
  protected String scalarWrite(KernelArg t, String index, String lane, String value) {
    if (isImage(t)) {
      throw new IllegalArgumentException("'" + t.name() + "' is an image, not a buffer of floats");
    }
    return t.name() + "[" + index + "][" + lane + "] = " + value;
  }

  @Override
  protected String scalarRead(
      KernelArg t, String index, String lane, boolean inlinedConstant, boolean half) {
    String name = t.name();
    if (isImage(t)) {
      return "imageLoad(" + name + ", " + texel(t, index) + ")[" + lane + "]";
    }
    if (half) {
      return "unpackHalf2x16(" + name + "[" + index + "][(" + lane + ") / 2])[(" + lane + ") % 2]";
    }
    return name + "[" + index + "][" + lane + "]";
  }

  @Override
  protected String rewrite(String dialect) {
    String s = FMAX.matcher(dialect).replaceAll("max(");
    return FMIN.matcher(s).replaceAll("min(");
  }
}
