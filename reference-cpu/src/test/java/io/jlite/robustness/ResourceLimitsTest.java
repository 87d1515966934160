package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.ModelFormatException;
import io.jlite.loader.LoaderLimits;
import io.jlite.testing.TestModels;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.ModelT;

/** The size limits are checked before allocation, and say which limit to raise. */
class ResourceLimitsTest {
  @TempDir Path dir;

  private static ModelFormatException rejected(ModelT model, LoaderLimits limits) {
    return assertThrows(
        ModelFormatException.class,
        () ->
            new Interpreter(TestModels.bytes(model), new Interpreter.Options().setLimits(limits)));
  }

  @Test
  void aTensorOfTwoToTheFortyElementsFailsFastNamingTensorAndLimit() {
    ModelT m = TestModels.add();
    // 2^20 · 2^20 floats: 4 TiB. Allocating first would throw OutOfMemoryError, not this.
    m.getSubgraphs()[0].getTensors()[2].setShape(new int[] {1 << 20, 1 << 20});
    String message = rejected(m, LoaderLimits.DEFAULT).getMessage();
    assertTrue(message.contains("'out' (#2) declares shape [1048576, 1048576]"), message);
    assertTrue(message.contains("limit of 1073741824 bytes per tensor"), message);
    assertTrue(message.contains("LoaderLimits.maxTensorBytes"), message);
  }

  @Test
  void anEmptyTensorWithHugeOtherDimensionsIsRefusedAtLoad() {
    // Fuzzer finding (regression input empty-tensor-huge-batch-599e4618): [2^26+1, 4, 0, 2] holds
    // nothing, yet ops loop over its batch and height. Counting the zero as 1: 2^26+1 · 4 · 2
    // floats = 2 GiB + 32 bytes, over the 1 GiB limit.
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getTensors()[2].setShape(new int[] {(1 << 26) + 1, 4, 0, 2});
    String message = rejected(m, LoaderLimits.DEFAULT).getMessage();
    assertTrue(message.contains("'out' (#2) declares shape [67108865, 4, 0, 2]"), message);
    assertTrue(message.contains("a zero one counted as 1"), message);
  }

  @Test
  void theTotalOfAllTensorsIsLimitedConstantsIncluded() {
    // The ADD model declares four tensors of 16 bytes; the fourth, the constant c, passes 60.
    String message =
        rejected(TestModels.add(), LoaderLimits.DEFAULT.withMaxTotalBytes(60)).getMessage();
    assertTrue(message.contains("tensors #0..3 declare 64 bytes"), message);
    assertTrue(message.contains("LoaderLimits.maxTotalBytes"), message);
  }

  @Test
  void theArenaOfOneRunIsLimitedBeforeTheFirstRun() {
    // a, b and out (16 bytes each) are live together while ADD runs; c is a constant.
    try (Interpreter interpreter = new Interpreter(TestModels.bytes(TestModels.add()))) {
      assertEquals(48, interpreter.arenaBytes());
    }
    String message =
        rejected(TestModels.add(), LoaderLimits.DEFAULT.withMaxArenaBytes(47)).getMessage();
    assertTrue(message.contains("needs 48 bytes of intermediate tensors"), message);
    assertTrue(message.contains("LoaderLimits.maxArenaBytes"), message);
  }

  @Test
  void theArenaCountsOnlyTensorsStillToBeRead() {
    // conv_net peaks while DEPTHWISE_CONV_2D writes dw and still reads conv (4x4x3 floats, 192
    // bytes each); the 128-byte input is dead by then, and the weights are constants.
    try (Interpreter interpreter = new Interpreter(TestModels.bytes(SeedModels.convNet()))) {
      assertEquals(192 + 192, interpreter.arenaBytes());
    }
  }

  @Test
  void limitsMustBePositive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LoaderLimits(1, 1, 0));
    assertTrue(e.getMessage().contains("arena 0"), e.getMessage());
  }

  @Test
  void aModelLoadedFromAFileNoLongerNeedsTheFile() throws IOException {
    File file = dir.resolve("add.tflite").toFile();
    Files.write(file.toPath(), TestModels.add().serializeToBinary());
    try (Interpreter interpreter = new Interpreter(file)) {
      Files.delete(file.toPath());
      float[][][][] a = {{{{1f}, {2f}}, {{3f}, {4f}}}};
      float[][][][] out = new float[1][2][2][1];
      interpreter.runForMultipleInputsOutputs(new Object[] {a, a}, java.util.Map.of(0, out));
      assertEquals(8f, out[0][1][1][0]);
    }
  }

  @Test
  void aFileOverTwoGibibytesIsRefusedBeforeMapping() throws IOException {
    Path file = dir.resolve("huge.tflite");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(3L << 30); // sparse: takes no disk space
    }
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> new Interpreter(file.toFile()));
    assertTrue(e.getMessage().contains("huge.tflite: file is 3221225472 bytes"), e.getMessage());
  }
}
