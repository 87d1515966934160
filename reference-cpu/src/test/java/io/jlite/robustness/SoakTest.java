package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.jlite.Interpreter;
import io.jlite.testing.TestModels;
import java.io.File;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.ModelT;

/**
 * Creates, runs and closes many interpreters (1,000; {@code -Djlite.soak.iterations=10000} for
 * more) from a model file, and checks that heap, memory mappings and file descriptors come back to
 * where they were. The model holds a 256 KiB weight, so leaking every interpreter would keep at
 * least 250 MiB: the heap threshold of 64 MiB is far from both that and from GC noise.
 */
class SoakTest {
  private static final int ITERATIONS = Integer.getInteger("jlite.soak.iterations", 1000);
  private static final int WARM_UP = 50;
  private static final long HEAP_SLACK_BYTES = 64L << 20;

  /** Open files and mappings that may come and go meanwhile (class loading, surefire, GC). */
  private static final long HANDLE_SLACK = 16;

  @TempDir Path dir;

  /** {@code out = x · Wᵀ} with x [1,256] and a constant W [256,256]: 256 KiB of weights. */
  private static ModelT fullyConnected() {
    TestModels.Builder b = new TestModels.Builder();
    int x = b.input("x", 1, 256);
    float[] w = new float[256 * 256];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % 13) * 0.01f;
    }
    int weights = b.constant("weights", w, 256, 256);
    int out = b.tensor("out", 1, 256);
    b.op(
        BuiltinOperator.FULLY_CONNECTED,
        BuiltinOptions.FullyConnectedOptions,
        new FullyConnectedOptionsT(),
        new int[] {x, weights, -1},
        out);
    return b.outputs(out).build();
  }

  @Test
  void thousandsOfInterpretersLeaveHeapMappingsAndFilesFlat() throws Exception {
    File model = dir.resolve("fc.tflite").toFile();
    Files.write(model.toPath(), fullyConnected().serializeToBinary());
    float[][] input = new float[1][256];
    input[0][1] = 1f;
    float[][] output = new float[1][256];
    for (int i = 0; i < WARM_UP; i++) {
      createRunClose(model, input, output);
    }
    Snapshot before = Snapshot.take();
    for (int i = 0; i < ITERATIONS; i++) {
      createRunClose(model, input, output);
    }
    // The runs computed: out[1] = W[1][1], element 257 of the weights, (257 % 13) · 0.01.
    assertEquals(0.1f, output[0][1], 1e-6f);
    Snapshot after = Snapshot.take();
    long heapGrowth = after.heapBytes - before.heapBytes;
    assertTrue(
        heapGrowth < HEAP_SLACK_BYTES,
        "heap grew by " + heapGrowth + " bytes over " + ITERATIONS + " interpreters");
    assertTrue(
        after.mappedBuffers <= before.mappedBuffers + HANDLE_SLACK,
        "mapped buffers " + before.mappedBuffers + " → " + after.mappedBuffers);
    assertTrue(
        after.openFiles <= before.openFiles + HANDLE_SLACK,
        "open files " + before.openFiles + " → " + after.openFiles);
  }

  private static void createRunClose(File model, float[][] input, float[][] output) {
    try (Interpreter interpreter = new Interpreter(model)) {
      interpreter.runForMultipleInputsOutputs(new Object[] {input}, Map.of(0, output));
    }
  }

  /** Heap in use, live memory mappings and open file descriptors, after collecting garbage. */
  private record Snapshot(long heapBytes, long mappedBuffers, long openFiles) {
    static Snapshot take() throws InterruptedException, IOException {
      BufferPoolMXBean mapped =
          ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
              .filter(pool -> pool.getName().equals("mapped"))
              .findFirst()
              .orElseThrow();
      // Mappings are released by a cleaner thread after the GC finds them unreachable: collect a
      // few times so that what is still counted afterwards is really held.
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(20);
      }
      Runtime rt = Runtime.getRuntime();
      long openFiles =
          ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
              ? unix.getOpenFileDescriptorCount()
              : 0;
      return new Snapshot(rt.totalMemory() - rt.freeMemory(), mapped.getCount(), openFiles);
    }
  }
}
