package io.jlite.cli;

import static io.jlite.cli.CommandResult.jlite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@code jlite} subcommands in-process on tiny models written by {@link TinyModels}. */
class JliteCommandsTest {
  private static final Shape NHWC = Shape.of(TinyModels.SHAPE);

  @TempDir Path dir;
  private Path addModel;

  @BeforeEach
  void writeModel() throws IOException {
    addModel = Files.write(dir.resolve("add.tflite"), TinyModels.addTwoInputs());
  }

  private Path npy(String name, Shape shape, float... values) throws IOException {
    Path file = dir.resolve(name);
    Npy.writeFloat32(file, NdArray.of(shape, values));
    return file;
  }

  /** The run failed with exit code 1 and exactly one line "jlite: error: ..." on stderr. */
  private static void assertOneLineError(CommandResult r, String... fragments) {
    assertEquals(1, r.code(), r.err());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    String line = lines.get(0);
    assertTrue(line.startsWith("jlite: error: "), line);
    for (String f : fragments) {
      assertTrue(line.contains(f), "'" + f + "' not in: " + line);
    }
  }

  @Test
  void runAddsTwoNpyInputs() throws IOException {
    Path a = npy("a.npy", NHWC, 1f, -2f, 3.5f, 4f);
    Path b = npy("b.npy", NHWC, 0.5f, 2f, -3.5f, 10f);
    Path outDir = dir.resolve("out");
    CommandResult r =
        jlite(
            "run",
            addModel.toString(),
            "--input",
            a.toString(),
            "--input",
            b.toString(),
            "--output-dir",
            outDir.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    // 1 + 0.5 = 1.5, -2 + 2 = 0, 3.5 - 3.5 = 0, 4 + 10 = 14; mean = 15.5 / 4 = 3.875.
    NdArray result = Npy.readFloat32(outDir.resolve("output_0.npy"));
    assertEquals(NHWC, result.shape());
    assertArrayEquals(new float[] {1.5f, 0f, 0f, 14f}, result.floats());
    assertEquals(1, r.out().lines().count(), r.out());
    assertTrue(
        r.out().startsWith("output 0 'out' [1, 2, 2, 1] min=0.0 max=14.0 mean=3.875"), r.out());
  }

  @Test
  void runOnTheGlesBackendGivesTheSameSums() throws IOException {
    boolean gles = io.jlite.DelegateProvider.named("gles").orElseThrow().isAvailable();
    if (!gles && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must have EGL/GLES (run-tests.sh installs Mesa)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(gles, "skipped, no EGL/GLES 3.1 driver here");
    Path a = npy("a.npy", NHWC, 1f, -2f, 3.5f, 4f);
    Path b = npy("b.npy", NHWC, 0.5f, 2f, -3.5f, 10f);
    Path outDir = dir.resolve("out");
    CommandResult r =
        jlite(
            "run",
            addModel.toString(),
            "--backend",
            "gles",
            "--input",
            a.toString(),
            "--input",
            b.toString(),
            "--output-dir",
            outDir.toString());
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(
        new float[] {1.5f, 0f, 0f, 14f}, Npy.readFloat32(outDir.resolve("output_0.npy")).floats());
  }

  @Test
  void runWithoutInputsUsesSeededUniformValues() throws IOException {
    float[] c = {1f, 2f, 3f, 4f};
    Path model = Files.write(dir.resolve("addc.tflite"), TinyModels.addConstant(c));
    Path outDir = dir.resolve("out");
    CommandResult r =
        jlite("run", model.toString(), "--seed", "7", "--output-dir", outDir.toString());
    assertEquals(0, r.code(), r.err());
    // The documented input: new SplittableRandom(seed).nextDouble(-1, 1) for each element in
    // C order, rounded to float; the model adds c to it.
    SplittableRandom random = new SplittableRandom(7);
    float[] expected = new float[4];
    for (int i = 0; i < 4; i++) {
      float x = (float) random.nextDouble(-1.0, 1.0);
      assertTrue(x >= -1f && x <= 1f);
      expected[i] = x + c[i];
    }
    assertArrayEquals(expected, Npy.readFloat32(outDir.resolve("output_0.npy")).floats());
  }

  @Test
  void inputOfTheWrongShapeIsAOneLineError() throws IOException {
    Path a = npy("a.npy", NHWC, 1f, 2f, 3f, 4f);
    Path b = npy("wrong.npy", Shape.of(2, 2), 1f, 2f, 3f, 4f);
    CommandResult r =
        jlite(
            "run",
            addModel.toString(),
            "--input",
            a.toString(),
            "--input",
            b.toString(),
            "--output-dir",
            dir.resolve("out").toString());
    assertOneLineError(r, "wrong.npy", "expected shape [1, 2, 2, 1]", "'b'");
    assertTrue(Files.notExists(dir.resolve("out").resolve("output_0.npy")));
  }

  @Test
  void wrongInputCountIsAOneLineError() throws IOException {
    Path a = npy("a.npy", NHWC, 1f, 2f, 3f, 4f);
    CommandResult r =
        jlite(
            "run",
            addModel.toString(),
            "--input",
            a.toString(),
            "--output-dir",
            dir.resolve("out").toString());
    assertOneLineError(r, "2 input(s), 1 --input file(s)");
  }

  @Test
  void badNpyIsAOneLineError() throws IOException {
    Path a = npy("a.npy", NHWC, 1f, 2f, 3f, 4f);
    Path bad = Files.writeString(dir.resolve("bad.npy"), "not numpy at all");
    CommandResult r =
        jlite(
            "run",
            addModel.toString(),
            "--input",
            a.toString(),
            "--input",
            bad.toString(),
            "--output-dir",
            dir.resolve("out").toString());
    assertOneLineError(r, "bad.npy", "not a .npy file");
  }

  @Test
  void missingFilesAreOneLineErrors() {
    assertOneLineError(
        jlite("run", dir.resolve("nope.tflite").toString(), "--output-dir", dir.toString()),
        "model file not found",
        "nope.tflite");
    assertOneLineError(
        jlite(
            "run",
            addModel.toString(),
            "--input",
            dir.resolve("x.npy").toString(),
            "--input",
            dir.resolve("y.npy").toString(),
            "--output-dir",
            dir.toString()),
        "input file not found",
        "x.npy");
  }

  @Test
  void modelErrorsAreOneLineErrors() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.tflite"), "this is no flatbuffer");
    assertOneLineError(
        jlite("inspect", garbage.toString()), "garbage.tflite", "not a TFLite model");
    Path custom = Files.write(dir.resolve("custom.tflite"), TinyModels.customOp());
    assertOneLineError(jlite("inspect", custom.toString()), "MyOp");
    assertOneLineError(jlite("run", custom.toString(), "--output-dir", dir.toString()), "MyOp");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, jlite("run", addModel.toString()).code()); // no --output-dir
    assertEquals(
        2, jlite("run", addModel.toString(), "--backend", "gpu", "--output-dir", "o").code());
    assertEquals(2, jlite("bench", addModel.toString(), "--backend", "cpu,cpu").code());
    assertEquals(2, jlite("bench", addModel.toString(), "--runs", "0").code());
    assertEquals(2, jlite().code());
    assertEquals(2, jlite("frobnicate").code());
  }

  @Test
  void inspectPrintsTensorsOpsParametersAndMemory() throws IOException {
    Path model =
        Files.write(dir.resolve("addc.tflite"), TinyModels.addConstant(new float[] {1, 2, 3, 4}));
    CommandResult r = jlite("inspect", model.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    String out = r.out();
    assertTrue(Pattern.compile("(?m)^\\s*ADD\\s+1$").matcher(out).find(), out);
    assertTrue(
        Pattern.compile("(?m)^\\s*0\\s+a\\s+FLOAT32\\s+\\[1, 2, 2, 1]$").matcher(out).find(), out);
    assertTrue(
        Pattern.compile("(?m)^\\s*0\\s+out\\s+FLOAT32\\s+\\[1, 2, 2, 1]$").matcher(out).find(),
        out);
    // One constant, c: 4 elements of 4 bytes. Non-constant tensors: a and out, 2 * 16 bytes.
    assertTrue(out.contains("parameters: 4\n"), out);
    assertTrue(Pattern.compile("(?m)^\\s*constants\\s+16 bytes$").matcher(out).find(), out);
    assertTrue(
        Pattern.compile("(?m)^\\s*non-constant tensors\\s+32 bytes$").matcher(out).find(), out);
  }

  @Test
  void benchOnCpuPrintsATableAndKeepsStreamsClean() {
    CommandResult r =
        jlite("bench", addModel.toString(), "--backend", "cpu", "--runs", "3", "--warmup", "1");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertTrue(
        Pattern.compile("(?m)^backend\\s+threads\\s+runs\\s+median ms\\s+p10 ms\\s+p90 ms$")
            .matcher(r.out())
            .find(),
        r.out());
    assertTrue(
        Pattern.compile("(?m)^cpu\\s+1\\s+3\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+$")
            .matcher(r.out())
            .find(),
        r.out());
    assertTrue(!r.out().contains("(median)"), "no ratio for one backend: " + r.out());
  }

  @Test
  void runOnTfLiteGivesTheSameSums() throws IOException {
    Path a = npy("a.npy", NHWC, 1f, -2f, 3.5f, 4f);
    Path b = npy("b.npy", NHWC, 0.5f, 2f, -3.5f, 10f);
    Path outDir = dir.resolve("out");
    CommandResult r =
        jlite(
            "run",
            addModel.toString(),
            "--backend",
            "tflite",
            "--input",
            a.toString(),
            "--input",
            b.toString(),
            "--output-dir",
            outDir.toString());
    assertEquals(0, r.code(), r.err());
    // As above: 1 + 0.5, -2 + 2, 3.5 - 3.5, 4 + 10.
    NdArray result = Npy.readFloat32(outDir.resolve("output_0.npy"));
    assertEquals(NHWC, result.shape());
    assertArrayEquals(new float[] {1.5f, 0f, 0f, 14f}, result.floats());
  }

  @Test
  void benchOnBothBackendsPrintsTheRatio() {
    CommandResult r = jlite("bench", addModel.toString(), "--runs", "2", "--warmup", "0");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertTrue(Pattern.compile("(?m)^cpu\\s+1\\s+2\\s").matcher(r.out()).find(), r.out());
    assertTrue(Pattern.compile("(?m)^tflite\\s+1\\s+2\\s").matcher(r.out()).find(), r.out());
    assertTrue(
        Pattern.compile("(?m)^cpu/tflite = [0-9.]+x \\(median\\)$").matcher(r.out()).find(),
        r.out());
    // Both backends add the same seeded inputs exactly.
    assertTrue(r.out().contains("max |cpu - tflite| = 0.00\n"), r.out());
  }

  @Test
  void versionNamesTheCommand() {
    CommandResult r = jlite("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("jlite "), r.out());
  }
}
