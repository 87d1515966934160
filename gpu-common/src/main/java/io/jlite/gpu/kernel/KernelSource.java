package io.jlite.gpu.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

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
    long writes = Macros.count(body, "WRITE");
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
