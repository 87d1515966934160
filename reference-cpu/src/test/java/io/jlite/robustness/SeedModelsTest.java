package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Interpreter;
import io.jlite.ir.NdArray;
import io.jlite.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The seeds are what the fuzzer starts from, so they must be valid: every generated seed loads and
 * runs within the fuzz target's budget, and the real seeds load under its limits.
 */
class SeedModelsTest {
  @Test
  void everyGeneratedSeedIsValidAndRunsInTheFuzzTarget() {
    SeedModels.generated()
        .forEach(
            (name, model) -> {
              Interpreter.Options options =
                  new Interpreter.Options().setLimits(ModelFuzzTarget.LIMITS);
              try (Interpreter interpreter = new Interpreter(TestModels.bytes(model), options)) {
                assertTrue(
                    interpreter.arenaBytes() <= ModelFuzzTarget.RUN_BUDGET_BYTES,
                    name + " is too large to run in the fuzz target");
                NdArray out =
                    interpreter.runRaw(ModelFuzzTarget.smallInputs(interpreter.graph(), 7)).get(0);
                assertEquals(interpreter.getOutputTensor(0).shape().length, out.shape().rank());
              }
            });
  }

  @Test
  void theRealSeedsLoadUnderTheFuzzLimits() throws Exception {
    assertFalse(SeedModels.realModelFiles().isEmpty(), "no real model fits the seed size cap");
    for (Path file : SeedModels.realModelFiles()) {
      Interpreter.Options options = new Interpreter.Options().setLimits(ModelFuzzTarget.LIMITS);
      try (Interpreter interpreter =
          new Interpreter(ByteBuffer.wrap(Files.readAllBytes(file)), options)) {
        assertTrue(interpreter.getInputTensorCount() > 0, file.toString());
      }
    }
  }
}
