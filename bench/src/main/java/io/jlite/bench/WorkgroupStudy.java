package io.jlite.bench;

import io.jlite.gles.GlesBuffer;
import io.jlite.gles.GlesContext;
import io.jlite.gles.GlesProgram;
import io.jlite.gles.GlesWorkgroups;
import io.jlite.gles.lwjgl.LwjglBinding;
import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.GlslGenerator;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.LoweredKernel;
import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.PlannedKernel;
import io.jlite.gpu.workgroup.WorkgroupChooser;
import io.jlite.gpu.workgroup.WorkgroupTuner;
import io.jlite.gpu.workgroup.Workgroups;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.loader.ModelLoader;
import io.jlite.opencl.ClBuffer;
import io.jlite.opencl.ClKernel;
import io.jlite.opencl.ClWorkgroups;
import io.jlite.opencl.OpenClRuntime;
import io.jlite.runtime.ConstantFolder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A workgroup-size study like the paper's Table 2: for three op kinds (the largest CONV_2D,
 * DEPTHWISE_CONV_2D and ADD of a model), the time of one kernel at each workgroup size, on OpenGL
 * ES and on OpenCL, with the size each delegate's default (gpu-common's table and heuristic for
 * that device) picks marked. Prints a Markdown table.
 *
 * <p>Each cell is the mean over {@code reps} back-to-back dispatches after a warm-up, timed from
 * the host with a finish at each end (so it includes the per-dispatch driver overhead).
 *
 * <p>Usage: {@code WorkgroupStudy [MODEL] [REPS]} (default pose_landmark_lite, 200).
 */
public final class WorkgroupStudy {
  private WorkgroupStudy() {}

  /** 1×1 (the worst case), the tuner's candidates, and two extremes. */
  private static final List<Grid> SIZES = sizes();

  private static List<Grid> sizes() {
    List<Grid> all = new ArrayList<>();
    all.add(new Grid(1, 1, 1));
    all.addAll(WorkgroupTuner.STANDARD);
    all.add(new Grid(256, 1, 1));
    all.add(new Grid(32, 32, 1));
    return List.copyOf(all);
  }

  public static void main(String[] args) {
    Graph graph = model(args);
    int reps = reps(args);
    StringBuilder table = new StringBuilder();
    table.append("| op (output BHWC) | workgroup | GLES µs | OpenCL µs |\n|---|---|---|---|\n");
    try (GlesContext gles = GlesContext.open(new LwjglBinding());
        OpenClRuntime cl = OpenClRuntime.open(Optional.empty(), Optional.empty())) {
      System.out.println("GLES: " + gles.info() + "; OpenCL: " + cl.device().describe());
      for (String op : List.of("CONV_2D", "DEPTHWISE_CONV_2D", "ADD")) {
        Node node = largest(graph, op);
        // What the delegates would pick on these devices without autotuning.
        Grid glesDefault = defaultFor(graph, node, GlesWorkgroups.heuristic(gles));
        Grid clDefault = defaultFor(graph, node, ClWorkgroups.heuristic(cl));
        String label = op + " " + java.util.Arrays.toString(shape(graph, node));
        for (Grid size : SIZES) {
          GpuPlan plan =
              GpuPlanner.plan(
                  graph, List.of(node), new GpuPlanner.Options(List.of(), (kind, k) -> size));
          PlannedKernel kernel = plan.kernels().get(0);
          double glesMicros = timeGles(gles, kernel, size, reps);
          double clMicros = timeOpenCl(cl, kernel, reps);
          table.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %dx%d%s%s | %.1f | %.1f |%n",
                  label,
                  size.x(),
                  size.y(),
                  size.equals(glesDefault) ? " (GLES default)" : "",
                  size.equals(clDefault) ? " (OpenCL default)" : "",
                  glesMicros,
                  clMicros));
        }
        notInTheTable(table, label, "GLES", glesDefault);
        notInTheTable(table, label, "OpenCL", clDefault);
        System.out.print(table);
        table.setLength(0);
      }
    }
    System.out.println(
        "defaults: " + Workgroups.class.getName() + " with gpu-common's workgroups.tsv per device");
  }

  /**
   * The study's model, {@code args[0]} (a path or a manifest name, default pose_landmark_lite),
   * constant-folded (the fp16 DEQUANTIZE of weights) as delegates see it.
   */
  static Graph model(String[] args) {
    String model = args.length > 0 ? args[0] : "pose_landmark_lite";
    return ConstantFolder.fold(ModelLoader.standard().load(DeviceBench.resolve(model)));
  }

  /** The study's dispatches per measurement, {@code args[1]} (default 200). */
  static int reps(String[] args) {
    return args.length > 1 ? Integer.parseInt(args[1]) : 200;
  }

  /** A row naming a default the timed sizes do not include (it was not measured). */
  private static void notInTheTable(StringBuilder table, String label, String api, Grid chosen) {
    if (!SIZES.contains(chosen)) {
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s default %dx%dx%d (not timed) | | |%n",
              label,
              api,
              chosen.x(),
              chosen.y(),
              chosen.z()));
    }
  }

  /** The workgroup {@code chooser} gives the kernel of {@code node}. */
  private static Grid defaultFor(Graph graph, Node node, WorkgroupChooser chooser) {
    return GpuPlanner.plan(graph, List.of(node), GpuPlanner.Options.UNFUSED.withWorkgroups(chooser))
        .kernels()
        .get(0)
        .workgroup();
  }

  /** The node of kind {@code op} with the largest output. */
  static Node largest(Graph graph, String op) {
    return graph.nodes().stream()
        .filter(n -> n.opName().equals(op) && GpuPlanner.supports(graph, n))
        .max(Comparator.comparingLong(n -> graph.tensor(n.outputs().get(0)).shape().size()))
        .orElseThrow(() -> new IllegalArgumentException("no supported " + op + " in the model"));
  }

  static int[] shape(Graph graph, Node node) {
    return io.jlite.gpu.layout.Phwc4Layout.bhwc(graph.tensor(node.outputs().get(0)).shape());
  }

  private static double timeGles(GlesContext gl, PlannedKernel kernel, Grid size, int reps) {
    LoweredKernel lowered = new GlslGenerator().lower(kernel.source(), size);
    GlesProgram program = gl.program(kernel.source().name() + "_" + size, lowered.source());
    List<GlesBuffer> buffers = new ArrayList<>();
    try {
      for (KernelArg a : lowered.parameters()) {
        GlesBuffer b = gl.allocate(a.name(), bytes(a));
        if (a instanceof ConstArg c) {
          b.write(c.toArray());
        } else {
          b.write(new float[(int) (bytes(a) / Float.BYTES)]);
        }
        buffers.add(b);
      }
      Grid grid = kernel.source().grid();
      int gx = ceilDiv(grid.x(), size.x());
      int gy = ceilDiv(grid.y(), size.y());
      int gz = ceilDiv(grid.z(), size.z());
      return meanMicros(() -> program.dispatch(buffers, gx, gy, gz), gl::finish, reps);
    } finally {
      buffers.forEach(GlesBuffer::close);
    }
  }

  private static double timeOpenCl(OpenClRuntime cl, PlannedKernel kernel, int reps) {
    LoweredKernel lowered = new OpenClGenerator().lower(kernel.source(), kernel.workgroup());
    List<ClBuffer> buffers = new ArrayList<>();
    try (ClKernel k = cl.program(lowered.source(), "-cl-std=CL1.2").kernel(lowered.entryPoint())) {
      List<KernelArg> parameters = lowered.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        KernelArg a = parameters.get(i);
        ClBuffer b = cl.allocate(a.name(), bytes(a));
        b.write(a instanceof ConstArg c ? c.toArray() : new float[(int) (bytes(a) / Float.BYTES)]);
        buffers.add(b);
        k.arg(i, b);
      }
      return meanMicros(() -> k.enqueue(kernel.globalSize(), kernel.localSize()), cl::finish, reps);
    } finally {
      buffers.forEach(ClBuffer::close);
    }
  }

  /**
   * Mean µs of {@code reps} back-to-back {@code launch}es after 10 warm-up ones, timed on the host
   * between two {@code finish}es (so it includes the per-launch driver cost).
   */
  static double meanMicros(Runnable launch, Runnable finish, int reps) {
    for (int i = 0; i < 10; i++) {
      launch.run();
    }
    finish.run();
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      launch.run();
    }
    finish.run();
    return (System.nanoTime() - start) / 1e3 / reps;
  }

  static long bytes(KernelArg a) {
    return a instanceof TensorArg t
        ? t.layout().byteSize(Float.BYTES)
        : (long) ((ConstArg) a).length() * Float.BYTES;
  }

  static int ceilDiv(int n, int d) {
    return (n + d - 1) / d;
  }
}
