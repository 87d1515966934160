package io.jlite.cli;

import io.jlite.ir.Graph;
import io.jlite.ir.Node;
import io.jlite.ir.TensorSpec;
import io.jlite.loader.ModelLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jlite inspect MODEL}: the model's inputs and outputs (name, type, shape), how often each
 * op occurs, the parameter count (elements of constant tensors) and the tensor memory (bytes of
 * constant tensors; bytes of all other tensors, without any buffer sharing).
 *
 * <p>The model is loaded with JLite's validating loader, so a model with an op JLite does not
 * implement is reported as an error.
 */
@Command(
    name = "inspect",
    description = "Prints a model's inputs, outputs, op histogram, parameters and tensor memory.")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "MODEL", description = "The .tflite model file.")
  Path model;

  @Override
  public Integer call() {
    ModelInputs.requireFile(model, "model file");
    Graph graph = ModelLoader.standard().load(model);
    PrintWriter out = spec.commandLine().getOut();
    out.println("model: " + model);
    printTensors(out, "inputs", graph, graph.inputs());
    printTensors(out, "outputs", graph, graph.outputs());
    printOps(out, graph);

    long parameters = 0;
    long constantBytes = 0;
    long otherBytes = 0;
    for (TensorSpec t : graph.tensors()) {
      if (t.isConstant()) {
        parameters += t.shape().numElements();
        constantBytes += t.byteSize();
      } else {
        otherBytes += t.byteSize();
      }
    }
    out.println("parameters: " + String.format(Locale.ROOT, "%,d", parameters));
    out.println("tensor memory:");
    new Table("  ")
        .row("constants", bytes(constantBytes))
        .row("non-constant tensors", bytes(otherBytes))
        .print(out);
    out.flush();
    return 0;
  }

  private static void printTensors(PrintWriter out, String title, Graph graph, List<Integer> ids) {
    out.println(title + ":");
    Table table = new Table("  ").header("#", "name", "type", "shape");
    for (int i = 0; i < ids.size(); i++) {
      TensorSpec t = graph.tensor(ids.get(i));
      table.row(i, t.name(), t.type(), t.shape());
    }
    table.print(out);
  }

  /** The op histogram, most frequent first (ties by name). */
  private static void printOps(PrintWriter out, Graph graph) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Node node : graph.nodes()) {
      counts.merge(node.opName(), 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Comparator.comparing(Map.Entry<String, Integer>::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    out.println("ops: " + graph.nodes().size() + " (" + counts.size() + " distinct)");
    Table table = new Table("  ");
    for (Map.Entry<String, Integer> e : entries) {
      table.row(e.getKey(), e.getValue());
    }
    table.print(out);
  }

  /** {@code 1,234 bytes}, with KiB/MiB/GiB added from 1 KiB on. */
  static String bytes(long n) {
    String exact = String.format(Locale.ROOT, "%,d bytes", n);
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit < 0 ? exact : String.format(Locale.ROOT, "%s (%.1f %s)", exact, value, units[unit]);
  }
}
