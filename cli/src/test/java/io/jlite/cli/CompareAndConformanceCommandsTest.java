package io.jlite.cli;

import static io.jlite.cli.CommandResult.jlite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jlite run --compare} and {@code jlite conformance}, in-process. */
class CompareAndConformanceCommandsTest {
  @TempDir Path dir;

  @Test
  void compareCpuWithTfLiteFindsNoDivergenceOnAnAdd() throws IOException {
    Path model = Files.write(dir.resolve("add.tflite"), TinyModels.addTwoInputs());
    CommandResult r = jlite("run", model.toString(), "--compare", "cpu,tflite");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("no divergence"), r.out());
    assertTrue(r.out().contains("between cpu and tflite"), r.out());
    // Nothing is written without --output-dir.
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void compareNeedsTwoKnownDifferentEngines() throws IOException {
    Path model = Files.write(dir.resolve("add.tflite"), TinyModels.addTwoInputs());
    CommandResult unknown = jlite("run", model.toString(), "--compare", "cpu,warp-drive");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("no backend 'warp-drive'"), unknown.err());
    CommandResult same = jlite("run", model.toString(), "--compare", "cpu,cpu");
    assertEquals(1, same.code());
    assertTrue(same.err().contains("two different engines"), same.err());
  }

  @Test
  void conformanceRunsTheChosenOpsAndWritesMarkdown() throws IOException {
    Path markdown = dir.resolve("report.md");
    CommandResult r =
        jlite(
            "conformance",
            "--backend",
            "cpu",
            "--op",
            "RELU,CONV_2D,graphs",
            "--tries",
            "5",
            "--markdown",
            markdown.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("RELU"), r.out());
    assertTrue(r.out().contains("pass (5)"), r.out());
    String md = Files.readString(markdown, StandardCharsets.UTF_8);
    assertTrue(md.contains("| op | cpu |"), md);
    assertTrue(md.contains("| CONV_2D | pass |"), md);
    assertTrue(md.contains("| graphs | pass |"), md);
  }

  @Test
  void conformanceUsageErrors() {
    assertEquals(2, jlite("conformance", "--backend", "warp-drive").code());
    assertEquals(2, jlite("conformance", "--tries", "0").code());
    CommandResult unknownOp = jlite("conformance", "--op", "FROBNICATE", "--tries", "1");
    assertEquals(1, unknownOp.code());
    assertTrue(unknownOp.err().contains("FROBNICATE"), unknownOp.err());
  }
}
