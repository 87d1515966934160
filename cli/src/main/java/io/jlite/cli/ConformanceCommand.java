package io.jlite.cli;

import io.jlite.conformance.ConformanceBackend;
import io.jlite.conformance.ConformanceReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jlite conformance}: runs the conformance suite (every op's generator and the random
 * graphs, each case checked against real TensorFlow Lite) outside JUnit, prints the ops × backends
 * table and writes it as Markdown. Exit status 0 when nothing failed, 1 otherwise.
 */
@Command(
    name = "conformance",
    description =
        "Checks every op (and random graphs of ops) against TensorFlow Lite on each backend and"
            + " prints an ops x backends table (pass, fail with a minimal counterexample, or"
            + " unsupported).",
    sortOptions = false)
public final class ConformanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--backend",
      split = ",",
      paramLabel = "NAME",
      description = "Backends to check (cpu or a GPU backend's name); default: all available here.")
  List<String> backendNames = new ArrayList<>();

  @Option(
      names = "--tries",
      defaultValue = "200",
      description = "Random cases per op and backend (default: ${DEFAULT-VALUE}).")
  int tries;

  @Option(
      names = "--op",
      split = ",",
      paramLabel = "OP",
      description = "Only these ops (TFLite names; 'graphs' for the random graphs).")
  List<String> ops = new ArrayList<>();

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the random cases (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--markdown",
      defaultValue = "conformance-report.md",
      paramLabel = "FILE",
      description = "Where the Markdown table is written (default: ${DEFAULT-VALUE}).")
  Path markdown;

  @Override
  public Integer call() throws IOException {
    if (tries < 1) {
      throw new ParameterException(spec.commandLine(), "--tries must be at least 1");
    }
    List<ConformanceBackend> backends = new ArrayList<>();
    if (backendNames.isEmpty()) {
      backends.addAll(ConformanceBackend.available());
    } else {
      for (String name : backendNames) {
        try {
          backends.add(ConformanceBackend.named(name));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConformanceReport report = new ConformanceReport(backends, tries, seed);
    try {
      report.run(ops, err);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    out.print(report.text());
    Files.writeString(markdown, report.markdown(), StandardCharsets.UTF_8);
    out.println("Markdown: " + markdown);
    out.flush();
    return report.allPassed() ? 0 : 1;
  }
}
