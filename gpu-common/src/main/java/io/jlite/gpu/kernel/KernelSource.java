package io.jlite.gpu.kernel;

import io.jlite.gpu.layout.Phwc4Layout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One GPU kernel in the neutral dialect (see {@link io.jlite.gpu.kernel the package}): the body of
 * its entry point, helper functions, its arguments and its grid. Templates produce it; fusion
 * appends an epilogue; {@link OpenClGenerator} and {@link GlslGenerator} lower it.
 *
 * @param name a readable name, also the base of the entry point's name
 * @param functions helper function definitions in the dialect, emitted once each before the body
 * @param body the entry point's statements; they write the output with exactly one {@code $WRITE}
 * @param args the buffers the body names
 * @param grid the work items
 * @param epilogue dialect statements that {@code $WRITE} applies to {@code value} (a vec4 holding
 *     the slice about to be written, with {@code b, y, x, s} its coordinates) before storing it:
 *     the fused elementwise chain; empty for none
 * @param fixedWorkgroup the workgroup size the body relies on (items of a group cooperating through
 *     {@code $SHARED} memory); empty when any size works, and a chooser picks one
 */
public record KernelSource(
    String name,
    List<String> functions,
    String body,
    List<KernelArg> args,
    Grid grid,
    String epilogue,
    Optional<Grid> fixedWorkgroup) {
  /** A kernel that works with any workgroup size. */
  public KernelSource(
      String name,
      List<String> functions,
      String body,
      List<KernelArg> args,
      Grid grid,
      String epilogue) {
    this(name, functions, body, args, grid, epilogue, Optional.empty());
  }

  public KernelSource {
    functions = List.copyOf(new LinkedHashSet<>(functions));
    args = List.copyOf(args);
    long writes = Macros.count(body, "WRITE") + Macros.count(body, "WRITE_BHWC");
    if (writes != 1) {
      throw new IllegalArgumentException(
          "kernel '" + name + "' has " + writes + " $WRITE statements, expected exactly 1");
    }
    List<String> names = new ArrayList<>();
    for (KernelArg a : args) {
      if (names.contains(a.name())) {
        throw new IllegalArgumentException(
            "kernel '" + name + "' has two arguments named " + a.name());
      }
      names.add(a.name());
    }
  }

  /**
   * This kernel reading its input tensor {@code tensor} from buffer {@code hostBuffer} instead,
   * where the host wrote it in plain row-major BHWC order ({@link Phwc4Layout#flat}): every {@code
   * $READ} of it becomes a gather of the slice's channels ({@code $READ_BHWC}), so no kernel needs
   * to convert it to PHWC4 first. Empty when the kernel names that input other than in {@code
   * $READ} (in helpers, its epilogue or another macro), or does not read it.
   */
  public Optional<KernelSource> readingInHostOrder(int tensor, int hostBuffer) {
    return args.stream()
        .filter(a -> a instanceof TensorArg t && !t.output() && t.tensor() == tensor)
        .map(TensorArg.class::cast)
        .findFirst()
        .flatMap(input -> inHostOrder(input, hostBuffer, "READ", 0, input.layout().elementCount()));
  }

  /**
   * This kernel writing its output tensor {@code tensor} to buffer {@code hostBuffer} instead, in
   * plain row-major BHWC order for the host to copy ({@code $WRITE_BHWC}), so no kernel needs to
   * convert it from PHWC4 after. Empty when the kernel writes another tensor.
   */
  public Optional<KernelSource> writingInHostOrder(int tensor, int hostBuffer) {
    TensorArg out = output();
    return out.tensor() == tensor
        ? inHostOrder(out, hostBuffer, "WRITE", 0, out.layout().elementCount())
        : Optional.empty();
  }

  /**
   * Like {@link #writingInHostOrder(int, int)}, into a host buffer of {@code hostElements} floats
   * from element {@code offset} on: one part of a larger host tensor (a CONCATENATION's block).
   */
  public Optional<KernelSource> writingInHostOrder(
      int tensor, int hostBuffer, long offset, long hostElements) {
    TensorArg out = output();
    return out.tensor() == tensor && offset + out.layout().elementCount() <= hostElements
        ? inHostOrder(out, hostBuffer, "WRITE", offset, hostElements)
        : Optional.empty();
  }

  /**
   * This kernel with argument {@code target} bound to {@code hostBuffer} (BHWC order, {@code
   * hostElements} floats, the target's from element {@code offset}) and each {@code $MACRO(target,
   * ...)} turned into {@code $MACRO_BHWC(target, ..., H, W, C)} (with {@code offset} last when not
   * 0); empty when the body names the argument otherwise, or helpers or the epilogue name it.
   */
  private Optional<KernelSource> inHostOrder(
      TensorArg target, int hostBuffer, String macro, long offset, long hostElements) {
    String arg = target.name();
    Phwc4Layout l = target.layout();
    Pattern word = Pattern.compile("\\b" + Pattern.quote(arg) + "\\b");
    if (word.matcher(epilogue).find() || functions.stream().anyMatch(f -> word.matcher(f).find())) {
      return Optional.empty();
    }
    int[] calls = {0};
    String rewritten =
        Macros.expand(
            body,
            (called, a) -> {
              if (called.equals(macro) && a.get(0).equals(arg)) {
                calls[0]++;
                return String.format(
                    "$%s_BHWC(%s, %d, %d, %d%s)",
                    macro,
                    String.join(", ", a),
                    l.height(),
                    l.width(),
                    l.channels(),
                    offset == 0 ? "" : ", " + offset);
              }
              return "$" + called + "(" + String.join(", ", a) + ")";
            });
    if (calls[0] == 0 || word.matcher(rewritten).results().count() != calls[0]) {
      return Optional.empty();
    }
    TensorArg host =
        new TensorArg(arg, hostBuffer, Phwc4Layout.flat(hostElements), target.output());
    List<KernelArg> replaced = new ArrayList<>();
    for (KernelArg a : args) {
      replaced.add(a == target ? host : a);
    }
    return Optional.of(
        new KernelSource(name, functions, rewritten, replaced, grid, epilogue, fixedWorkgroup));
  }

  /** The argument named {@code name}. */
  public Optional<KernelArg> arg(String argName) {
    return args.stream().filter(a -> a.name().equals(argName)).findFirst();
  }

  /** The tensor the kernel writes. */
  public TensorArg output() {
    return args.stream()
        .filter(a -> a instanceof TensorArg t && t.output())
        .map(TensorArg.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("kernel '" + name + "' writes no tensor"));
  }

  /**
   * This kernel with more elementwise work appended to its epilogue, more helper functions and more
   * arguments (the operands the appended work reads).
   */
  public KernelSource withEpilogue(
      String statements, List<String> moreFunctions, List<KernelArg> moreArgs) {
    List<String> f = new ArrayList<>(functions);
    f.addAll(moreFunctions);
    List<KernelArg> a = new ArrayList<>(args);
    a.addAll(moreArgs);
    return new KernelSource(name, f, body, a, grid, epilogue + statements, fixedWorkgroup);
  }

  /** This kernel writing another tensor (the last op of a fused chain). */
  public KernelSource withOutput(TensorArg newOutput) {
    List<KernelArg> a = new ArrayList<>();
    for (KernelArg arg : args) {
      a.add(arg instanceof TensorArg t && t.output() ? newOutput : arg);
    }
    return new KernelSource(name, functions, body, a, grid, epilogue, fixedWorkgroup);
  }
}
