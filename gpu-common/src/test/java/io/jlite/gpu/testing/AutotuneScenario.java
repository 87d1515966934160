package io.jlite.gpu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Delegate;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * The autotune checks every GPU backend passes, on {@link OpCases#threeKernels()}: tuned kernels
 * match the reference, winners land in {@code programCache/workgroups}, and the next start reads
 * them instead of timing.
 *
 * @param open opens the backend's delegate with its program cache in the given directory and
 *     autotune on ({@code true}) or off
 * @param kernelsTuned the delegate's count of kernels timed on the device
 * @param workgroupsFromDisk the delegate's count of winners read from the cache
 * @param liveBuffers the delegate's count of device buffers still held
 */
public record AutotuneScenario<D extends Delegate>(
    Function<Boolean, D> open,
    ToIntFunction<D> kernelsTuned,
    ToIntFunction<D> workgroupsFromDisk,
    ToIntFunction<D> liveBuffers) {

  /** The three kernels are timed once, stored, and read back by a second delegate. */
  public void winnersAreCachedAndReused(Path programCache) throws IOException {
    Graph graph = OpCases.threeKernels();
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 5);
    try (D gpu = open.apply(true)) {
      assertEquals(
          1, ReferenceComparison.assertDelegateMatchesReference("tuned", graph, inputs, gpu));
      assertEquals(3, kernelsTuned.applyAsInt(gpu));
      assertEquals(0, workgroupsFromDisk.applyAsInt(gpu));
      assertEquals(0, liveBuffers.applyAsInt(gpu), "the timer's scratch buffers are released");
    }
    assertEquals(3, entries(programCache.resolve("workgroups")));
    try (D again = open.apply(true)) {
      ReferenceComparison.assertDelegateMatchesReference("cached", graph, inputs, again);
      assertEquals(0, kernelsTuned.applyAsInt(again));
      assertEquals(3, workgroupsFromDisk.applyAsInt(again));
    }
  }

  /** Without autotune the delegate times nothing and writes no tuning cache. */
  public void withoutAutotuneNothingIsTimed(Path programCache) {
    Graph graph = OpCases.threeKernels();
    try (D gpu = open.apply(false)) {
      ReferenceComparison.assertDelegateMatchesReference(
          "heuristic", graph, ReferenceComparison.seededInputs(graph, 5), gpu);
      assertEquals(0, kernelsTuned.applyAsInt(gpu));
    }
    assertTrue(Files.notExists(programCache.resolve("workgroups")));
  }

  private static long entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".wg")).count();
    }
  }
}
