package io.jlite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jlite plan} on a tiny model: one ADD of two inputs, one GPU kernel. */
class PlanCommandTest {
  @TempDir Path dir;

  @Test
  void printsKernelsAndEveryStrategyAndDrawsSvg() throws IOException {
    Path model = Files.write(dir.resolve("add.tflite"), TinyModels.addTwoInputs());
    Path svg = dir.resolve("plan.svg");
    CommandLine cmd = Jlite.commandLine();
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(new StringWriter(), true));
    int code = cmd.execute("plan", model.toString(), "--svg", svg.toString());
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("partitions: 1 on the GPU, 0 CPU nodes (of 1)"), text);
    assertTrue(text.contains("GPU kernels: 1 before fusion, 1 after"), text);
    for (String s :
        new String[] {
          "NAIVE",
          "EQUALITY",
          "GREEDY_IN_ORDER",
          "GREEDY_BY_SIZE",
          "GREEDY_BY_BREADTH",
          "MIN_COST_FLOW"
        }) {
      assertTrue(text.contains(s), s + " in\n" + text);
    }
    // Three tensors alive at the one step: nothing can be shared, every ratio is 1.
    assertTrue(
        text.lines().filter(l -> l.startsWith("  NAIVE")).allMatch(l -> l.contains("1.000")), text);
    String drawing = Files.readString(svg);
    assertTrue(drawing.startsWith("<svg") && drawing.contains("<rect"), drawing);
  }

  @Test
  void unknownStrategyIsAUserError() throws IOException {
    Path model = Files.write(dir.resolve("add.tflite"), TinyModels.addTwoInputs());
    CommandLine cmd = Jlite.commandLine();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    int code =
        cmd.execute(
            "plan",
            model.toString(),
            "--svg",
            dir.resolve("x.svg").toString(),
            "--strategy",
            "BEST_EVER");
    assertEquals(1, code, err.toString());
    assertTrue(err.toString().contains("no memory strategy BEST_EVER"), err.toString());
  }
}
