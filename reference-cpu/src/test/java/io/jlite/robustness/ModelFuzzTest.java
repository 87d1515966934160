package io.jlite.robustness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of model loading, preparation and inference with Jazzer.
 *
 * <p>In a plain {@code mvn verify} this runs {@link ModelFuzzTarget} once on every seed (the real
 * MediaPipe models up to 1 MiB and the generated models of {@link SeedModels}) and on every
 * regression input in {@code src/test/resources/io/jlite/robustness/ModelFuzzTestInputs/
 * loadPrepareRun/}: inputs that once crashed JLite. With {@code JAZZER_FUZZ=1} it fuzzes for {@code
 * maxDuration}, starting from the same seeds; see the module README for the command.
 */
class ModelFuzzTest {

  static Stream<Arguments> seeds() {
    return SeedModels.all().entrySet().stream()
        .map(e -> Arguments.argumentSet(e.getKey(), (Object) e.getValue()));
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "10m")
  void loadPrepareRun(byte[] model) {
    ModelFuzzTarget.exercise(model);
  }
}
