package io.jlite.gpu.kernel;

import io.jlite.gpu.layout.Phwc4Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Lowers {@link KernelSource} from the neutral dialect to one target language. The index arithmetic
 * of PHWC4 buffers, the {@code $WRITE} epilogue and the zeroing of padding lanes are shared here;
 * subclasses say how the target spells buffers, work-item ids, casts and literals.
 */
public abstract sealed class CodeGenerator permits OpenClGenerator, GlslGenerator {
  /** Constants of at most this many floats (and all finite) are inlined by default. */
  public static final int DEFAULT_INLINE_LIMIT = 64;

  private final int inlineLimit;

  protected CodeGenerator(int inlineLimit) {
    this.inlineLimit = inlineLimit;
  }

  /** Constants of at most this many floats (and all finite) are inlined. */
  protected int inlineLimit() {
    return inlineLimit;
  }

  /** Whether this generator writes {@code c} into the source instead of passing it as a buffer. */
  public boolean inlines(ConstArg c) {
    return inlinable(c, inlineLimit);
  }

  /**
   * Whether a generator with {@code inlineLimit} writes {@code c} into the source: at most that
   * many floats, all finite (no literal spells a NaN or an infinity in both languages).
   */
  public static boolean inlinable(ConstArg c, int inlineLimit) {
    if (c.length() > inlineLimit) {
      return false;
    }
    for (int i = 0; i < c.length(); i++) {
      if (!Float.isFinite(c.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lowers {@code kernel}.
   *
   * @param workgroup the workgroup size (GLSL writes it into the source; OpenCL ignores it)
   * @throws KernelSyntaxException if the kernel does not follow the dialect
   */
  public LoweredKernel lower(KernelSource kernel, Grid workgroup) {
    return lower(kernel, workgroup, t -> false);
  }

  /**
   * Lowers {@code kernel}, storing the tensors (buffer ids) {@code halfStorage} accepts as 16-bit
   * floats: they are read into and written from 32-bit vec4s, so arithmetic stays 32-bit.
   *
   * @param workgroup the workgroup size (GLSL writes it into the source; OpenCL ignores it)
   * @throws KernelSyntaxException if the kernel does not follow the dialect
   */
  public LoweredKernel lower(KernelSource kernel, Grid workgroup, IntPredicate halfStorage) {
    Set<String> half = new HashSet<>();
    for (KernelArg a : kernel.args()) {
      if (a instanceof TensorArg t && halfStorage.test(t.tensor())) {
        half.add(t.name());
      }
    }
    String entryPoint = kernel.name().replaceAll("[^A-Za-z0-9_]", "_");
    Map<String, KernelArg> args = new HashMap<>();
    List<KernelArg> parameters = new ArrayList<>();
    List<ConstArg> inlined = new ArrayList<>();
    // The inlined constants under their program-scope names (see constantName): macros name these.
    List<ConstArg> defined = new ArrayList<>();
    for (KernelArg a : kernel.args()) {
      if (a instanceof ConstArg c && inlines(c)) {
        inlined.add(c);
        ConstArg named = c.withName(constantName(entryPoint, c.name()));
        defined.add(named);
        args.put(a.name(), named);
      } else {
        parameters.add(a);
        args.put(a.name(), a);
      }
    }
    List<KernelArg> bound = packConstants(parameters, kernel.functions(), args, half);
    List<String> globals = new ArrayList<>();
    List<String> functions = new ArrayList<>();
    for (String f : kernel.functions()) {
      functions.add(rewrite(expand(f, args, kernel, defined, globals, half)) + "\n");
    }
    String body = rewrite(expand(kernel.body(), args, kernel, defined, globals, half));
    StringBuilder definitions = new StringBuilder();
    for (ConstArg c : defined) {
      definitions.append(inlineConstant(c)).append('\n');
    }
    for (String g : globals) {
      definitions.append(g).append('\n');
    }
    String entry =
        entrySignature(entryPoint, bound, half) + " {\n" + prologue(bound) + body.strip() + "\n}\n";
    return new LoweredKernel(
        language(),
        header(workgroup),
        definitions.toString(),
        functions,
        entry,
        entryPoint,
        bound,
        inlined);
  }

  /** The name of the one buffer holding a kernel's constants when they are packed. */
  public static final String PACKED_CONSTANTS = "jl_constants";

  /**
   * {@code parameters} with their buffer constants packed into one {@link #PACKED_CONSTANTS} buffer
   * (in parameter order, at the place of the first) when the target {@link #packsConstants} and
   * there are two or more; else {@code parameters}. Each packed constant is then read through
   * {@code args} by the expression {@link #packedView} gives. Why: a driver's host time per launch
   * grows with the number of buffer arguments (NVIDIA's, with the GPU busy: 5.3 µs for 2, 7.9 µs
   * for 6), and a fused depthwise + pointwise kernel has four constant buffers; packing took
   * 160–410 µs of host time off each pose_landmark_heavy run on an H200, for 35–70 µs more device
   * time (bench/RESULTS.md). Helper functions are not given the packed buffer, so a kernel whose
   * helpers name a buffer constant keeps its buffers apart.
   */
  private List<KernelArg> packConstants(
      List<KernelArg> parameters,
      List<String> functions,
      Map<String, KernelArg> args,
      Set<String> half) {
    List<ConstArg> buffered = new ArrayList<>();
    for (KernelArg a : parameters) {
      if (a instanceof ConstArg c) {
        buffered.add(c);
      }
    }
    if (!packsConstants()
        || buffered.size() < 2
        || buffered.stream().anyMatch(c -> mentions(functions, c.name()))) {
      if (!halfConstants()) {
        return parameters;
      }
      List<KernelArg> bound = new ArrayList<>();
      for (KernelArg a : parameters) {
        if (a instanceof ConstArg c && c.exactInHalf() && !mentions(functions, c.name())) {
          half.add(c.name());
          bound.add(c.asHalf());
        } else {
          bound.add(a);
        }
      }
      return bound;
    }
    boolean halfPacked = halfConstants() && buffered.stream().allMatch(ConstArg::exactInHalf);
    float[] data = new float[buffered.stream().mapToInt(ConstArg::length).sum()];
    int offset = 0;
    for (ConstArg c : buffered) {
      c.data().get(data, offset, c.length());
      // A half buffer's views count halves, a float4 buffer's vec4s.
      String view = packedView(PACKED_CONSTANTS, halfPacked ? offset : offset / Phwc4Layout.LANES);
      args.put(c.name(), c.withName(view));
      if (halfPacked) {
        half.add(view);
      }
      offset += c.length();
    }
    ConstArg packed = ConstArg.weights(PACKED_CONSTANTS, data);
    if (halfPacked) {
      half.add(PACKED_CONSTANTS);
      packed = packed.asHalf();
    }
    List<KernelArg> bound = new ArrayList<>();
    for (KernelArg a : parameters) {
      if (!(a instanceof ConstArg)) {
        bound.add(a);
      } else if (a == buffered.get(0)) {
        bound.add(packed);
      }
    }
    return bound;
  }

  /**
   * Whether buffer constants whose every value is exact in 16 bits are stored as halves (read into
   * 32-bit vec4s, so results do not change): false unless a target says so.
   */
  protected boolean halfConstants() {
    return false;
  }

  private static boolean mentions(List<String> functions, String name) {
    Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
    return functions.stream().anyMatch(f -> word.matcher(f).find());
  }

  /**
   * Whether this target packs a kernel's buffer constants into one buffer ({@link #packedView}); no
   * by default.
   */
  protected boolean packsConstants() {
    return false;
  }

  /**
   * The expression a packed constant is read by, in place of its name: the vec4s from {@code
   * vec4Offset} of the buffer parameter {@code packed} (see {@link #packsConstants}).
   */
  protected String packedView(String packed, int vec4Offset) {
    throw new UnsupportedOperationException(language() + " does not pack constants");
  }

  private String expand(
      String text,
      Map<String, KernelArg> args,
      KernelSource kernel,
      List<ConstArg> inlined,
      List<String> globals,
      Set<String> half) {
    return Macros.expand(text, (name, a) -> macro(name, a, args, kernel, inlined, globals, half));
  }

  private String macro(
      String name,
      List<String> a,
      Map<String, KernelArg> args,
      KernelSource kernel,
      List<ConstArg> inlined,
      List<String> globals,
      Set<String> half) {
    return switch (name) {
      case "GID" -> globalId(Integer.parseInt(arity(name, a, 1).get(0)));
      case "LID" -> localId(Integer.parseInt(arity(name, a, 1).get(0)));
      case "BARRIER" -> {
        arity(name, a, 0);
        yield barrier();
      }
      case "SHARED" -> {
        arity(name, a, 2);
        if (kernel.fixedWorkgroup().isEmpty()) {
          // Shared memory is per workgroup: a body using it depends on the workgroup size.
          throw new KernelSyntaxException(
              "kernel '" + kernel.name() + "' uses $SHARED without a fixed workgroup");
        }
        yield sharedArray(a.get(0), Integer.parseInt(a.get(1)), globals);
      }
      case "BATCH" -> Integer.toString(arg(args, a, name, 1).layout().batch());
      case "HEIGHT" -> Integer.toString(arg(args, a, name, 1).layout().height());
      case "WIDTH" -> Integer.toString(arg(args, a, name, 1).layout().width());
      case "CHANNELS" -> Integer.toString(arg(args, a, name, 1).layout().channels());
      case "SLICES" -> Integer.toString(arg(args, a, name, 1).layout().slices());
      case "READ" -> {
        KernelArg t = arg(args, a, name, 5);
        yield vec4Read(
            t, index(t.layout(), a.get(1), a.get(2), a.get(3), a.get(4)), half.contains(t.name()));
      }
      case "READ_BC" -> {
        KernelArg t = arg(args, a, name, 5);
        String v =
            vec4Read(
                t,
                index(t.layout(), a.get(1), a.get(2), a.get(3), a.get(4)),
                half.contains(t.name()));
        // A one-channel operand broadcasts its single channel to every lane.
        yield t.layout().channels() == 1 ? vec4Splat("(" + v + ").x") : v;
      }
      case "READ_CH" -> {
        KernelArg t = arg(args, a, name, 5);
        yield readChannel(
            t,
            a.get(1),
            a.get(2),
            a.get(3),
            a.get(4),
            inlined.contains(t),
            half.contains(t.name()));
      }
      case "READ_FLAT" -> {
        KernelArg t = arg(args, a, name, 2);
        yield flatRead(t, a.get(1), inlined.contains(t), half.contains(t.name()));
      }
      case "READ_BHWC" -> {
        // Slice s at (b, y, x) of an H x W x C tensor stored in plain BHWC order: its channels
        // gathered one by one, the lanes past C zero as in PHWC4.
        KernelArg t = arg(args, a, name, 8);
        String s = "(" + a.get(4) + ")";
        String c = a.get(7);
        String first =
            String.format(
                "((((%s) * %s + (%s)) * %s + (%s)) * %s + 4 * %s)",
                a.get(1), a.get(5), a.get(2), a.get(6), a.get(3), c, s);
        StringBuilder v = new StringBuilder("vec4(");
        for (int lane = 0; lane < Phwc4Layout.LANES; lane++) {
          String read =
              flatRead(t, first + " + " + lane, inlined.contains(t), half.contains(t.name()));
          v.append(lane == 0 ? "" : ", ")
              .append("(4 * ")
              .append(s)
              .append(" + ")
              .append(lane)
              .append(" < ")
              .append(c)
              .append(" ? ")
              .append(read)
              .append(" : 0.0)");
        }
        yield v.append(")").toString();
      }
      case "CONST" -> {
        KernelArg c = arg(args, a, name, 2);
        yield half.contains(c.name())
            ? vec4Read(c, a.get(1), true)
            : c.name() + "[" + a.get(1) + "]";
      }
      case "WRITE" ->
          write(
              arg(args, a, name, 6),
              a,
              kernel,
              half.contains(a.get(0)),
              text -> expand(text, args, kernel, inlined, globals, half));
      case "WRITE_BHWC" ->
          writeHostOrder(
              arg(args, a.size() == 10 ? a.subList(0, 9) : a, name, 9),
              a,
              kernel,
              text -> expand(text, args, kernel, inlined, globals, half));
      default ->
          throw new KernelSyntaxException("kernel '" + kernel.name() + "': unknown macro $" + name);
    };
  }

  private String write(
      KernelArg t,
      List<String> a,
      KernelSource kernel,
      boolean half,
      Function<String, String> expandMacros) {
    Phwc4Layout l = t.layout();
    StringBuilder w = valueToWrite(t, a, kernel, expandMacros);
    int used = l.channels() % Phwc4Layout.LANES;
    if (used != 0) {
      // Padding lanes of the last slice must stay zero: later kernels read whole slices.
      w.append("    if (s == ").append(l.slices() - 1).append(") {");
      for (int lane = used; lane < Phwc4Layout.LANES; lane++) {
        w.append(" value.").append("xyzw".charAt(lane)).append(" = 0.0;");
      }
      w.append(" }\n");
    }
    w.append("    ").append(vec4Write(t, index(l, "b", "y", "x", "s"), "value", half));
    w.append(";\n}");
    return w.toString();
  }

  /**
   * {@code $WRITE_BHWC(dst, b, y, x, s, value, H, W, C[, OFFSET])}: like {@code $WRITE}, into an H
   * x W x C tensor stored in plain BHWC order (a host buffer) from element OFFSET on (0 when
   * absent): the slice's channels stored one by one, the lanes past C not at all.
   */
  private String writeHostOrder(
      KernelArg t, List<String> a, KernelSource kernel, Function<String, String> expandMacros) {
    StringBuilder w = valueToWrite(t, a, kernel, expandMacros);
    String c = a.get(8);
    w.append("    int jl_first = (((b * ")
        .append(a.get(6))
        .append(" + y) * ")
        .append(a.get(7))
        .append(" + x) * ")
        .append(c)
        .append(" + 4 * s)")
        .append(a.size() == 10 ? " + " + a.get(9) : "")
        .append(";\n");
    for (int lane = 0; lane < Phwc4Layout.LANES; lane++) {
      String i = "(jl_first + " + lane + ")";
      w.append("    if (4 * s + ")
          .append(lane)
          .append(" < ")
          .append(c)
          .append(") { ")
          .append(scalarWrite(t, i + " / 4", i + " % 4", "value." + "xyzw".charAt(lane)))
          .append("; }\n");
    }
    return w.append("}").toString();
  }

  /**
   * The opening of a {@code $WRITE}: the checks, {@code vec4 value} and the kernel's epilogue on
   * it.
   */
  private StringBuilder valueToWrite(
      KernelArg t, List<String> a, KernelSource kernel, Function<String, String> expandMacros) {
    if (!(t instanceof TensorArg ta) || !ta.output()) {
      throw new KernelSyntaxException(
          "kernel '" + kernel.name() + "' writes '" + t.name() + "', which is not its output");
    }
    List<String> coordinates = a.subList(1, 5);
    if (!coordinates.equals(List.of("b", "y", "x", "s"))) {
      // The epilogue reads its operands at b, y, x, s: the write must use those names.
      throw new KernelSyntaxException(
          "kernel '"
              + kernel.name()
              + "': $WRITE must use coordinates b, y, x, s, got "
              + coordinates);
    }
    StringBuilder w = new StringBuilder();
    w.append("{\n    vec4 value = ").append(a.get(5)).append(";\n");
    if (!kernel.epilogue().isEmpty()) {
      w.append("    /* epilogue */\n");
      w.append(expandMacros.apply(kernel.epilogue()).strip().indent(4));
    }
    return w;
  }

  /**
   * The vec4 index of slice s at (b, y, x); axes of size 1 contribute nothing (their coordinate is
   * 0).
   */
  static String index(Phwc4Layout l, String b, String y, String x, String s) {
    int[] strides = l.vec4Strides();
    int[] sizes = {l.batch(), l.slices(), l.height(), l.width()};
    String[] coordinates = {b, s, y, x};
    List<String> terms = new ArrayList<>();
    for (int axis = 0; axis < 4; axis++) {
      if (sizes[axis] > 1) {
        terms.add(
            strides[axis] == 1
                ? "(" + coordinates[axis] + ")"
                : "(" + coordinates[axis] + ") * " + strides[axis]);
      }
    }
    return terms.isEmpty() ? "0" : String.join(" + ", terms);
  }

  /** Float {@code index} of {@code t} counted in the order of its layout's BHWC elements. */
  private String flatRead(KernelArg t, String index, boolean inlinedConstant, boolean half) {
    Phwc4Layout l = t.layout();
    String i = "(" + index + ")";
    int c = l.channels();
    int w = l.width();
    int h = l.height();
    return readChannel(
        t,
        l.batch() == 1 ? "0" : i + " / " + (long) c * w * h,
        h == 1 ? "0" : "(" + i + " / " + (long) c * w + ") % " + h,
        w == 1 ? "0" : "(" + i + " / " + c + ") % " + w,
        c == 1 ? "0" : i + " % " + c,
        inlinedConstant,
        half);
  }

  private String readChannel(
      KernelArg t, String b, String y, String x, String c, boolean inlinedConstant, boolean half) {
    Phwc4Layout l = t.layout();
    String slice = l.slices() == 1 ? "0" : "(" + c + ") / 4";
    String lane = l.slices() == 1 ? "(" + c + ")" : "(" + c + ") % 4";
    return scalarRead(t, index(l, b, y, x, slice), lane, inlinedConstant, half);
  }

  private static KernelArg arg(
      Map<String, KernelArg> args, List<String> a, String macro, int arity) {
    arity(macro, a, arity);
    KernelArg t = args.get(a.get(0));
    if (t == null) {
      throw new KernelSyntaxException(
          "$" + macro + " names '" + a.get(0) + "', which is not an argument");
    }
    return t;
  }

  private static List<String> arity(String macro, List<String> a, int arity) {
    if (a.size() != arity) {
      throw new KernelSyntaxException("$" + macro + " takes " + arity + " arguments, got " + a);
    }
    return a;
  }

  /**
   * A statement storing the float {@code value} into lane {@code lane} of vec4 {@code index} of the
   * 32-bit buffer {@code t} (a host buffer in BHWC order: different items write lanes of one vec4).
   */
  protected abstract String scalarWrite(KernelArg t, String index, String lane, String value);

  /** "OpenCL C" or "GLSL ES 3.10". */
  public abstract String language();

  /**
   * The program-scope name of the inlined constant {@code arg} of the kernel {@code entryPoint}:
   * {@code arg} itself unless kernels share a program ({@link OpenClGenerator}).
   */
  protected String constantName(String entryPoint, String arg) {
    return arg;
  }

  /** Program text before the constants: version, pragmas, workgroup size. */
  protected abstract String header(Grid workgroup);

  /**
   * Statements the entry point runs before the kernel's body, given its parameters; none by
   * default.
   */
  protected String prologue(List<KernelArg> parameters) {
    return "";
  }

  /**
   * The entry point's signature, binding {@code parameters} in order; those named in {@code half}
   * are buffers of 16-bit floats.
   */
  protected abstract String entrySignature(
      String name, List<KernelArg> parameters, Set<String> half);

  /** Vec4 {@code index} of argument {@code t} as a 32-bit vec4. */
  protected abstract String vec4Read(KernelArg t, String index, boolean half);

  /** The statement storing vec4 expression {@code value} at vec4 {@code index} of {@code t}. */
  protected abstract String vec4Write(KernelArg t, String index, String value, boolean half);

  /** A program-scope definition of an inlined constant array. */
  protected abstract String inlineConstant(ConstArg c);

  /** The work item's id along {@code axis} as an int. */
  protected abstract String globalId(int axis);

  /** The work item's id within its workgroup along {@code axis} as an int. */
  protected abstract String localId(int axis);

  /** A statement: every item of the workgroup waits here, and their shared writes are visible. */
  protected abstract String barrier();

  /**
   * The declaration of a workgroup-shared array of {@code length} vec4s named {@code name}, to
   * stand where {@code $SHARED} is (at the top level of the body); or add it to {@code globals}
   * (emitted at program scope) and return what stands in the body.
   */
  protected abstract String sharedArray(String name, int length, List<String> globals);

  /** A vec4 with all lanes {@code scalar}. */
  protected abstract String vec4Splat(String scalar);

  /** Lane {@code lane} of vec4 {@code index} of argument {@code t}, as a float. */
  protected abstract String scalarRead(
      KernelArg t, String index, String lane, boolean inlinedConstant, boolean half);

  /** Rewrites dialect spellings (types, casts, literals, functions) into the target's. */
  protected abstract String rewrite(String dialect);

  /** A float as a literal of the target that reads back to the same float. */
  protected static String floatLiteral(float v, String suffix) {
    String s = Float.toString(v);
    return s + suffix;
  }
}
