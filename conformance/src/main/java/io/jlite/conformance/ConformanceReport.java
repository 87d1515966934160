package io.jlite.conformance;

import io.jlite.conformance.gen.GraphSpecs;
import io.jlite.conformance.gen.OpSpec;
import io.jlite.conformance.gen.OpSpecs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Runs the conformance suite outside JUnit (for {@code jlite conformance}): for every op generator
 * and the graph generator, on every chosen backend, checks {@code tries} random cases against
 * TFLite and shrinks the first failure to a minimal counterexample, as the jqwik properties do.
 *
 * <p>Outcomes per op and backend: {@link Status#PASS}; {@link Status#FAIL} with the shrunk
 * counterexample and what differed; {@link Status#UNSUPPORTED} when the backend's delegate claimed
 * the op in none of the cases (the cases then ran on the reference CPU through the partitioner, and
 * their result is in the detail).
 */
public final class ConformanceReport {
  /** The row name of the random graphs of 2-8 ops. */
  public static final String GRAPHS = "graphs";

  /** How much shrinking is tried: candidates examined in all, at most. */
  private static final int SHRINK_BUDGET = 2000;

  /** Outcome of one op on one backend. */
  public enum Status {
    PASS,
    FAIL,
    UNSUPPORTED
  }

  /**
   * One cell of the table.
   *
   * @param counterexample the shrunk failing case (empty unless FAIL)
   * @param detail what differed, or for UNSUPPORTED the CPU fallback's result
   */
  public record Cell(Status status, int cases, String counterexample, String detail) {
    /** The cell as the table shows it. */
    public String summary() {
      return switch (status) {
        case PASS -> "pass (" + cases + ")";
        case UNSUPPORTED -> "unsupported (" + detail + ")";
        case FAIL -> "FAIL: " + counterexample + " -- " + detail;
      };
    }
  }

  private final List<ConformanceBackend> backends;
  private final int tries;
  private final long seed;
  private final Map<String, Map<String, Cell>> rows = new LinkedHashMap<>();

  /**
   * @param backends the backends to check
   * @param tries random cases per op and backend
   * @param seed the seed of the random cases (the same seed gives the same cases)
   */
  public ConformanceReport(List<ConformanceBackend> backends, int tries, long seed) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1, got " + tries);
    }
    this.backends = List.copyOf(backends);
    this.tries = tries;
    this.seed = seed;
  }

  /**
   * Runs the ops named (all ops and the graphs when {@code ops} is empty), printing one line per
   * finished row to {@code progress}.
   */
  public void run(List<String> ops, PrintWriter progress) {
    Map<String, Arbitrary<ConformanceCase>> chosen = new LinkedHashMap<>();
    if (ops.isEmpty()) {
      OpSpecs.all().forEach((name, spec) -> chosen.put(name, spec.cases()));
      chosen.put(GRAPHS, GraphSpecs.graphs());
    } else {
      for (String op : ops) {
        chosen.put(op, op.equals(GRAPHS) ? GraphSpecs.graphs() : spec(op).cases());
      }
    }
    JqwikSession.start();
    try {
      for (Map.Entry<String, Arbitrary<ConformanceCase>> e : chosen.entrySet()) {
        Map<String, Cell> row = new LinkedHashMap<>();
        for (ConformanceBackend b : backends) {
          row.put(b.name(), check(e.getValue(), b));
        }
        rows.put(e.getKey(), row);
        progress.println(e.getKey() + ": " + summarize(row));
        progress.flush();
      }
    } finally {
      JqwikSession.finish();
    }
  }

  private static OpSpec spec(String op) {
    return OpSpecs.get(op);
  }

  private static String summarize(Map<String, Cell> row) {
    List<String> parts = new ArrayList<>();
    row.forEach((backend, cell) -> parts.add(backend + " " + cell.summary()));
    return String.join("; ", parts);
  }

  private Cell check(Arbitrary<ConformanceCase> cases, ConformanceBackend backend) {
    RandomGenerator<ConformanceCase> generator = cases.generator(1000);
    Random random = new Random(seed);
    int delegated = 0;
    for (int i = 0; i < tries; i++) {
      Shrinkable<ConformanceCase> s = generator.next(random);
      Verdict v = CaseRunner.check(s.value(), backend);
      if (!v.passed()) {
        Shrinkable<ConformanceCase> minimal = shrink(s, backend);
        Verdict last = CaseRunner.check(minimal.value(), backend);
        return new Cell(Status.FAIL, i + 1, minimal.value().toString(), last.message());
      }
      if (v.delegated()) {
        delegated++;
      }
    }
    if (backend.provider().isPresent() && delegated == 0) {
      return new Cell(Status.UNSUPPORTED, tries, "", "CPU fallback passed " + tries);
    }
    return new Cell(Status.PASS, tries, "", "");
  }

  /** Greedy shrinking: move to the first smaller candidate that still fails, until none does. */
  private static Shrinkable<ConformanceCase> shrink(
      Shrinkable<ConformanceCase> failing, ConformanceBackend backend) {
    Shrinkable<ConformanceCase> current = failing;
    int budget = SHRINK_BUDGET;
    boolean progress = true;
    while (progress && budget > 0) {
      progress = false;
      List<Shrinkable<ConformanceCase>> candidates =
          current.shrink().limit(100).sorted(Comparator.comparing(Shrinkable::distance)).toList();
      for (Shrinkable<ConformanceCase> c : candidates) {
        if (budget-- <= 0) {
          break;
        }
        if (!CaseRunner.check(c.value(), backend).passed()) {
          current = c;
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  /** The cell of {@code op} on {@code backend}, if run. */
  public Optional<Cell> cell(String op, String backend) {
    return Optional.ofNullable(rows.getOrDefault(op, Map.of()).get(backend));
  }

  /** Whether every cell passed (UNSUPPORTED counts as passed: the CPU fallback was checked). */
  public boolean allPassed() {
    return rows.values().stream()
        .flatMap(r -> r.values().stream())
        .noneMatch(c -> c.status() == Status.FAIL);
  }

  /** The ops × backends table as Markdown, with the counterexamples listed below it. */
  public String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("# JLite conformance against TensorFlow Lite\n\n");
    s.append(tries)
        .append(" random cases per op and backend, seed ")
        .append(seed)
        .append("; tolerances: io.jlite.conformance.Tolerance.\n\n");
    s.append("| op |");
    for (ConformanceBackend b : backends) {
      s.append(' ').append(b.name()).append(" |");
    }
    s.append("\n|---|");
    s.append("---|".repeat(backends.size()));
    s.append('\n');
    List<String> failures = new ArrayList<>();
    rows.forEach(
        (op, row) -> {
          s.append("| ").append(op).append(" |");
          for (ConformanceBackend b : backends) {
            Cell c = row.get(b.name());
            String text =
                switch (c.status()) {
                  case PASS -> "pass";
                  case UNSUPPORTED -> "unsupported (CPU fallback passes)";
                  case FAIL -> "**fail** (" + (failures.size() + 1) + ")";
                };
            if (c.status() == Status.FAIL) {
              failures.add(
                  op + " on " + b.name() + ": `" + c.counterexample() + "`: " + c.detail());
            }
            s.append(' ').append(text).append(" |");
          }
          s.append('\n');
        });
    if (!failures.isEmpty()) {
      s.append("\n## Minimal counterexamples\n\n");
      for (int i = 0; i < failures.size(); i++) {
        s.append(i + 1).append(". ").append(failures.get(i)).append('\n');
      }
    }
    return s.toString();
  }

  /** The table as plain text for a terminal: one line per op, columns aligned. */
  public String text() {
    List<List<String>> lines = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("op");
    backends.forEach(b -> header.add(b.name()));
    lines.add(header);
    rows.forEach(
        (op, row) -> {
          List<String> line = new ArrayList<>();
          line.add(op);
          backends.forEach(b -> line.add(row.get(b.name()).summary()));
          lines.add(line);
        });
    int[] widths = new int[header.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        s.append(cell);
        if (i < line.size() - 1) {
          s.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      s.append('\n');
    }
    return s.toString();
  }
}
