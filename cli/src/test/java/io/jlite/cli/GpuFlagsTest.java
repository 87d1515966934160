package io.jlite.cli;

import static io.jlite.cli.CommandResult.jlite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DelegateProvider;
import io.jlite.models.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --precision}, {@code --autotune}, {@code --memory}, {@code --gles-textures} and {@code
 * --profile}.
 */
class GpuFlagsTest {
  @TempDir Path dir;
  private Path addModel;

  @BeforeEach
  void writeModel() throws IOException {
    addModel = Files.write(dir.resolve("add.tflite"), TinyModels.addTwoInputs());
  }

  /** Skips without PoCL or another OpenCL device; CI must have one. */
  private static void assumeOpenCl() {
    boolean opencl = DelegateProvider.named("opencl").orElseThrow().isAvailable();
    if (!opencl && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must have an OpenCL device (run-tests.sh installs PoCL)");
    }
    Assumptions.assumeTrue(opencl, "skipped, no OpenCL device here");
  }

  private static void assertUsageError(CommandResult r, String... fragments) {
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "'" + f + "' not in: " + r.err());
    }
  }

  @Test
  void anUnknownMemoryStrategyIsAUsageErrorNamingTheKnownOnes() {
    CommandResult r =
        jlite("run", addModel.toString(), "--backend", "opencl", "--memory", "BEST_GUESS");
    // The six strategies of the paper and gpu-common's README, written out here.
    assertUsageError(
        r,
        "--memory",
        "BEST_GUESS",
        "NAIVE",
        "EQUALITY",
        "GREEDY_IN_ORDER",
        "GREEDY_BY_SIZE",
        "GREEDY_BY_BREADTH",
        "MIN_COST_FLOW");
  }

  @Test
  void anUnknownPrecisionIsAUsageError() {
    CommandResult r =
        jlite("bench", addModel.toString(), "--backend", "opencl", "--precision", "fp8");
    assertUsageError(r, "--precision", "fp8", "FP16");
  }

  @Test
  void gpuFlagsWithoutAGpuBackendAreAUsageError() {
    Path out = dir.resolve("out");
    assertUsageError(
        jlite("run", addModel.toString(), "--precision", "fp16", "--output-dir", out.toString()),
        "apply to the opencl and gles backends");
    assertUsageError(
        jlite("bench", addModel.toString(), "--backend", "cpu,tflite", "--autotune"),
        "apply to the opencl and gles backends");
    assertUsageError(
        jlite("run", addModel.toString(), "--compare", "cpu,tflite", "--memory", "NAIVE"),
        "apply to the opencl and gles backends");
  }

  @Test
  void glesTexturesWithoutTheGlesBackendIsAUsageError() {
    assertUsageError(
        jlite("bench", addModel.toString(), "--backend", "cpu,opencl", "--gles-textures"),
        "--gles-textures applies to the gles backend");
  }

  @Test
  void glesTexturesRunsTheGlesBackendThroughItsTexturesProvider() {
    GpuFlags flags = new GpuFlags();
    assertEquals("gles", flags.provider(BackendKind.GLES));
    flags.glesTextures = true;
    assertEquals("gles-textures", flags.provider(BackendKind.GLES));
    assertEquals("opencl", flags.provider(BackendKind.OPENCL));
    assertTrue(DelegateProvider.named(flags.provider(BackendKind.GLES)).isPresent());
  }

  @Test
  void gpuFlagsAcceptTheTexturesProviderInCompare() {
    Assumptions.assumeTrue(
        DelegateProvider.named("gles").orElseThrow().isAvailable()
            || "true".equals(System.getenv("CI")),
        "skipped, no EGL/GLES driver here");
    CommandResult r =
        jlite("run", addModel.toString(), "--compare", "cpu,gles-textures", "--precision", "fp16");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("no divergence"), r.out());
    // --gles-textures turns --compare's gles into gles-textures, as it does for --backend.
    CommandResult flag =
        jlite("run", addModel.toString(), "--compare", "cpu,gles", "--gles-textures");
    assertEquals(0, flag.code(), flag.err());
    assertTrue(flag.out().contains("between cpu and gles-textures"), flag.out());
  }

  @Test
  void profileWithoutOpenClIsAUsageError() {
    assertUsageError(
        jlite("bench", addModel.toString(), "--backend", "cpu,gles", "--profile"),
        "--profile needs the opencl backend");
  }

  @Test
  void benchProfilePrintsTheOpenClKernels() {
    assumeOpenCl();
    CommandResult r =
        jlite(
            "bench",
            addModel.toString(),
            "--backend",
            "opencl,cpu",
            "--runs",
            "3",
            "--warmup",
            "1",
            "--memory",
            "greedy_by_size",
            "--profile");
    assertEquals(0, r.code(), r.err());
    // One ADD: one kernel, which has all of the device time.
    assertTrue(r.out().contains("opencl kernels: "), r.out());
    assertTrue(r.out().contains("in 1 kernels; slowest 1:"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.contains("[0]") && l.endsWith("100.0%")), r.out());
    // The ADD of two inputs is exact on both.
    assertTrue(r.out().contains("max |opencl - cpu| = 0.00"), r.out());
  }

  @Test
  void fp16OnOpenClStaysWithinOnePercentOfTheCpuOnFaceDetection() throws IOException {
    assumeOpenCl();
    Path model = ModelCatalog.standard().path("face_detection_short_range");
    List<float[]> cpu = run(model, "cpu");
    List<float[]> fp32 = run(model, "opencl");
    List<float[]> fp16 = run(model, "opencl", "--precision", "fp16");
    assertEquals(cpu.size(), fp16.size());
    boolean storedAsHalves = false;
    for (int o = 0; o < cpu.size(); o++) {
      double scale = 0;
      double error = 0;
      for (int i = 0; i < cpu.get(o).length; i++) {
        scale = Math.max(scale, Math.abs(cpu.get(o)[i]));
        error = Math.max(error, Math.abs(cpu.get(o)[i] - fp16.get(o)[i]));
        storedAsHalves |= fp16.get(o)[i] != fp32.get(o)[i];
      }
      // Relative to the output's largest magnitude: elements near 0 have no relative meaning.
      assertTrue(error <= 1e-2 * scale, "output " + o + ": " + error + " of " + scale);
    }
    // 16-bit storage must round somewhere; identical outputs would mean the flag did nothing.
    assertTrue(storedAsHalves, "fp16 outputs equal the fp32 ones");
  }

  private List<float[]> run(Path model, String backend, String... flags) throws IOException {
    Path out = Files.createTempDirectory(dir, backend);
    List<String> args =
        new java.util.ArrayList<>(
            List.of("run", model.toString(), "--backend", backend, "--output-dir", out.toString()));
    args.addAll(List.of(flags));
    CommandResult r = jlite(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    List<float[]> outputs = new java.util.ArrayList<>();
    for (int i = 0; Files.exists(out.resolve("output_" + i + ".npy")); i++) {
      outputs.add(Npy.readFloat32(out.resolve("output_" + i + ".npy")).floats());
    }
    assertEquals(2, outputs.size(), "face detection has boxes and scores");
    return outputs;
  }
}
