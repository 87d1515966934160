package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.ir.NdArray;
import io.jlite.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** close() is idempotent, use after close is refused, concurrent runs are serialized. */
class LifecycleTest {
  private static Interpreter convNet() {
    return new Interpreter(TestModels.bytes(SeedModels.convNet()));
  }

  private static List<NdArray> inputs(Interpreter interpreter, long seed) {
    return ModelFuzzTarget.smallInputs(interpreter.graph(), seed);
  }

  @Test
  void closeIsIdempotent() {
    Interpreter interpreter = convNet();
    interpreter.close();
    interpreter.close();
    assertThrows(IllegalStateException.class, interpreter::getInputTensorCount);
  }

  @Test
  void everyUseAfterCloseIsAnIllegalStateException() {
    Interpreter interpreter = convNet();
    List<NdArray> in = inputs(interpreter, 1);
    float[][][][] image = new float[1][4][4][2];
    float[][] out = new float[1][4];
    interpreter.close();
    List<Executable> uses =
        List.of(
            () -> interpreter.run(image, out),
            () -> interpreter.runForMultipleInputsOutputs(new Object[] {image}, java.util.Map.of()),
            () -> interpreter.runRaw(in),
            interpreter::getInputTensorCount,
            interpreter::getOutputTensorCount,
            () -> interpreter.getInputTensor(0),
            () -> interpreter.getOutputTensor(0),
            interpreter::graph,
            interpreter::arenaBytes,
            interpreter::delegatePartitionCount);
    for (Executable use : uses) {
      IllegalStateException e = assertThrows(IllegalStateException.class, use);
      assertTrue(e.getMessage().contains("has been closed"), e.getMessage());
    }
  }

  @Test
  void concurrentRunsOnOneInterpreterAreSerializedAndAgree() throws Exception {
    int threads = 4;
    int runsPerThread = 25;
    try (Interpreter interpreter = convNet()) {
      List<List<NdArray>> inputs = new ArrayList<>();
      List<float[]> expected = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        inputs.add(inputs(interpreter, t));
        expected.add(interpreter.runRaw(inputs.get(t)).get(0).floats());
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int r = 0; r < runsPerThread; r++) {
                      float[] actual = interpreter.runRaw(inputs.get(thread)).get(0).floats();
                      // Each thread always sees the result of its own inputs, never a mix.
                      assertArrayEquals(expected.get(thread), actual);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void aRunAfterAnotherThreadClosedIsRefused() throws Exception {
    Interpreter interpreter = convNet();
    List<NdArray> in = inputs(interpreter, 3);
    Thread closer = new Thread(interpreter::close);
    closer.start();
    closer.join();
    assertThrows(IllegalStateException.class, () -> interpreter.runRaw(in));
    interpreter.close();
  }
}
