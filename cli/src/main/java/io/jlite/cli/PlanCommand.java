package io.jlite.cli;

import io.jlite.gpu.memory.LifetimeSvg;
import io.jlite.gpu.memory.LowerBound;
import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.memory.OffsetAssignment;
import io.jlite.gpu.memory.TensorUsage;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.plan.ModelPlan;
import io.jlite.ir.Graph;
import io.jlite.loader.ModelLoader;
import io.jlite.runtime.ConstantFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jlite plan MODEL}: how the GPU planner would run a model: its GPU partitions and CPU
 * islands, the number of GPU kernels before and after fusion, and for each memory strategy the
 * total bytes of the GPU tensors (PHWC4, fp32) as shared objects and as one linear arena, with the
 * ratio to the lower bound and the reduction against NAIVE. {@code --svg FILE} draws the tensors'
 * lifetimes and one strategy's arena placement.
 */
@Command(
    name = "plan",
    description =
        "Prints a model's GPU partitions, kernel counts before/after fusion and memory per strategy.")
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "The .tflite model file.")
  Path model;

  @Option(
      names = "--svg",
      paramLabel = "FILE",
      description = "Draw lifetimes and placement as SVG.")
  Path svg;

  @Option(
      names = "--strategy",
      paramLabel = "NAME",
      description = "The strategy --svg draws (default: the smallest arena).")
  String strategy;

  @Option(
      names = "--max-partitions",
      paramLabel = "N",
      defaultValue = "1000",
      description = "The most GPU partitions to keep (default: ${DEFAULT-VALUE}).")
  int maxPartitions;

  @Override
  public Integer call() throws IOException {
    ModelInputs.requireFile(model, "model file");
    if (maxPartitions < 0) {
      throw new UserException("--max-partitions must be ≥ 0, got " + maxPartitions);
    }
    // Delegates see the graph as the interpreter prepares it: fp16 weights already dequantized.
    Graph graph = ConstantFolder.fold(ModelLoader.standard().load(model));
    ModelPlan unfused = ModelPlan.of(graph, GpuPlanner.Options.UNFUSED, maxPartitions);
    ModelPlan fused = ModelPlan.of(graph, GpuPlanner.Options.DEFAULT, maxPartitions);
    PrintWriter out = spec.commandLine().getOut();
    out.println("model: " + model);
    long gpuPartitions = fused.partitions().stream().filter(p -> p.delegated()).count();
    out.printf(
        Locale.ROOT,
        "partitions: %d on the GPU, %d CPU nodes (of %d)%n",
        gpuPartitions,
        fused.cpuNodeCount(),
        graph.nodes().size());
    out.printf(
        Locale.ROOT,
        "GPU kernels: %d before fusion, %d after%n",
        unfused.kernelCount(),
        fused.kernelCount());
    printCpuOps(out, fused);
    List<TensorUsage> usages = fused.tensorUsages(4);
    long bound = LowerBound.of(usages);
    out.printf(
        Locale.ROOT,
        "GPU tensors: %d (PHWC4, fp32); lower bound %s%n",
        usages.size(),
        InspectCommand.bytes(bound));
    Table table =
        new Table("  ")
            .header("strategy", "objects", "ratio", "vs NAIVE", "arena", "ratio", "vs NAIVE");
    long naive = new io.jlite.gpu.memory.NaiveStrategy().assignObjects(usages).totalSize();
    MemoryStrategy best = null;
    long bestArena = Long.MAX_VALUE;
    for (MemoryStrategy s : MemoryStrategy.all()) {
      long objects = s.assignObjects(usages).totalSize();
      long arena = s.assignOffsets(usages).totalSize();
      if (arena < bestArena) {
        bestArena = arena;
        best = s;
      }
      table.row(
          s.name(),
          objects,
          ratio(objects, bound),
          reduction(objects, naive),
          arena,
          ratio(arena, bound),
          reduction(arena, naive));
    }
    table.alignRight(1, 2, 3, 4, 5, 6).print(out);
    if (svg != null && best != null) {
      MemoryStrategy drawn = strategy == null ? best : named(strategy);
      OffsetAssignment placement = drawn.assignOffsets(usages);
      Files.writeString(
          svg,
          LifetimeSvg.draw(model.getFileName() + ": " + drawn.name(), usages, placement),
          StandardCharsets.UTF_8);
      out.println("wrote " + svg + " (" + drawn.name() + ")");
    }
    out.flush();
    return 0;
  }

  /** The ops left on the CPU, with why the first of each was not claimed. */
  private static void printCpuOps(PrintWriter out, ModelPlan plan) {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    java.util.Map<String, String> reasons = new java.util.HashMap<>();
    for (var p : plan.partitions()) {
      if (p.delegated()) {
        continue;
      }
      for (var n : p.nodes()) {
        counts.merge(n.opName(), 1, Integer::sum);
        reasons.putIfAbsent(
            n.opName(), GpuPlanner.unsupportedReason(plan.graph(), n).orElse("partition limit"));
      }
    }
    if (!counts.isEmpty()) {
      out.println("on the CPU:");
      Table t = new Table("  ");
      counts.forEach((op, c) -> t.row(op, c, reasons.get(op)));
      t.print(out);
    }
  }

  private static MemoryStrategy named(String name) {
    try {
      return MemoryStrategy.named(name);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  private static String ratio(long total, long bound) {
    return bound == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) total / bound);
  }

  private static String reduction(long total, long naive) {
    return naive == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * (naive - total) / naive);
  }
}
