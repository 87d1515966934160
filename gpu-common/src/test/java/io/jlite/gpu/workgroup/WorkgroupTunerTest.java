package io.jlite.gpu.workgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkgroupTunerTest {
  @TempDir Path dir;

  private static final GpuDevice GPU = TestKernels.device("opencl", "NVIDIA H100", 1024);

  /** 128 × 128 × 8 work items: every standard candidate fits unchanged. */
  private static final KernelSource CONV = TestKernels.fill("k7_conv_2d", 128, 128, 32, 1f);

  /** A deterministic fake device: a cost per workgroup, and a record of what was timed. */
  private static class FakeTimer implements KernelTimer {
    final List<Grid> timed = new ArrayList<>();
    int prepared;
    int closed;

    /** 16x8 is fastest: the cost grows with the distance from it. */
    long cost(Grid g) {
      return 1000 + 10L * Math.abs(g.x() - 16) + 7L * Math.abs(g.y() - 8) + g.z();
    }

    @Override
    public Trial prepare(KernelSource kernel) {
      prepared++;
      return new Trial() {
        @Override
        public OptionalLong nanos(Grid workgroup) {
          timed.add(workgroup);
          return OptionalLong.of(cost(workgroup));
        }

        @Override
        public void close() {
          closed++;
        }
      };
    }
  }

  /** A timer that must not be used. */
  private static final KernelTimer NEVER =
      kernel -> {
        throw new AssertionError("timed although the cache holds the winner");
      };

  private WorkgroupTuner tuner(GpuDevice device, KernelTimer timer) {
    return WorkgroupTuner.forDevice(device, timer, Optional.of(dir));
  }

  @Test
  void picksTheFastestCandidateAfterTimingEachOnce() {
    FakeTimer timer = new FakeTimer();
    WorkgroupTuner tuner = tuner(GPU, timer);
    List<Grid> candidates = tuner.candidates(OpKind.CONV_2D, CONV);
    assertEquals(new Grid(16, 8, 1), tuner.choose(OpKind.CONV_2D, CONV));
    assertEquals(candidates, timer.timed);
    assertEquals(1, timer.prepared);
    assertEquals(1, timer.closed);
    // The heuristic's pick comes first (the H100 OpenCL CONV_2D row is 16x8 too, so it is deduped).
    assertEquals(Workgroups.forDevice(GPU).choose(OpKind.CONV_2D, CONV), candidates.get(0));
    assertEquals(candidates.size(), candidates.stream().distinct().count());
    // Asked again: the winner from memory, nothing timed.
    assertEquals(new Grid(16, 8, 1), tuner.choose(OpKind.CONV_2D, CONV));
    assertEquals(1, tuner.kernelsTuned());
  }

  @Test
  void sizesTheDeviceCannotRunAreSkipped() {
    KernelTimer only64 =
        k ->
            wg ->
                wg.size() > 64
                    ? OptionalLong.empty()
                    : OptionalLong.of(1000 - wg.x()); // wider x is faster
    assertEquals(new Grid(64, 1, 1), tuner(GPU, only64).choose(OpKind.CONV_2D, CONV));
    KernelTimer none = k -> wg -> OptionalLong.empty();
    assertEquals(
        Workgroups.forDevice(GPU).choose(OpKind.CONV_2D, CONV),
        WorkgroupTuner.forDevice(GPU, none, Optional.empty()).choose(OpKind.CONV_2D, CONV));
  }

  @Test
  void aSecondTunerReadsTheWinnerFromDiskWithoutTiming() {
    tuner(GPU, new FakeTimer()).choose(OpKind.CONV_2D, CONV);
    WorkgroupTuner second = tuner(GPU, NEVER);
    assertEquals(new Grid(16, 8, 1), second.choose(OpKind.CONV_2D, CONV));
    assertEquals(1, second.winnersFromDisk());
    assertEquals(0, second.kernelsTuned());
    // The same code under another name (another place in a model) shares the entry.
    assertEquals(
        new Grid(16, 8, 1),
        second.choose(OpKind.CONV_2D, TestKernels.fill("k12_conv_2d", 128, 128, 32, 1f)));
  }

  @Test
  void winnersTimedByAnotherTimerVariantAreTimedAgain() {
    tuner(GPU, new FakeTimer()).choose(OpKind.CONV_2D, CONV);
    FakeTimer prefetching =
        new FakeTimer() {
          @Override
          public String variant() {
            return "l2 prefetch";
          }
        };
    WorkgroupTuner second = tuner(GPU, prefetching);
    assertEquals(new Grid(16, 8, 1), second.choose(OpKind.CONV_2D, CONV));
    assertEquals(1, prefetching.prepared, "the plain timer's winner is not reused");
    assertEquals(0, second.winnersFromDisk());
    // Its own winner is found by a later tuner of the same variant.
    WorkgroupTuner third =
        tuner(
            GPU,
            new KernelTimer() {
              @Override
              public Trial prepare(KernelSource kernel) {
                throw new AssertionError("timed although the cache holds the winner");
              }

              @Override
              public String variant() {
                return "l2 prefetch";
              }
            });
    assertEquals(new Grid(16, 8, 1), third.choose(OpKind.CONV_2D, CONV));
    assertEquals(1, third.winnersFromDisk());
  }

  @Test
  void anotherDriverOrAnotherKernelIsTunedAgain() {
    tuner(GPU, new FakeTimer()).choose(OpKind.CONV_2D, CONV);
    GpuDevice newDriver = new GpuDevice("opencl", "NVIDIA H100", "driver 2", 1024, 1024, 1024, 64);
    FakeTimer timer = new FakeTimer();
    tuner(newDriver, timer).choose(OpKind.CONV_2D, CONV);
    assertEquals(1, timer.prepared);
    FakeTimer other = new FakeTimer();
    tuner(GPU, other).choose(OpKind.CONV_2D, TestKernels.fill("k7_conv_2d", 128, 128, 32, 2f));
    assertEquals(1, other.prepared);
    assertNotEquals(
        WorkgroupTuner.kernelHash(CONV),
        WorkgroupTuner.kernelHash(TestKernels.fill("k7_conv_2d", 128, 128, 32, 2f)));
  }

  @Test
  void aCorruptEntryIsDeletedAndTheKernelTunedAgain() throws IOException {
    tuner(GPU, new FakeTimer()).choose(OpKind.CONV_2D, CONV);
    Path entry;
    try (Stream<Path> files = Files.list(dir)) {
      entry = files.filter(f -> f.toString().endsWith(".wg")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 1] ^= 0x01; // the winner's z, whose checksum no longer matches
    Files.write(entry, bytes);
    FakeTimer timer = new FakeTimer();
    WorkgroupTuner again = tuner(GPU, timer);
    assertEquals(new Grid(16, 8, 1), again.choose(OpKind.CONV_2D, CONV));
    assertEquals(1, timer.prepared);
    assertEquals(0, again.winnersFromDisk());
    // Re-tuning stored a valid entry again.
    assertEquals(new Grid(16, 8, 1), tuner(GPU, NEVER).choose(OpKind.CONV_2D, CONV));
  }

  @Test
  void aStoredWinnerThatIsNoLongerACandidateIsStaleAndTunedAgain() {
    tuner(GPU, new FakeTimer()).choose(OpKind.CONV_2D, CONV); // 16x8 = 128 items
    // Same device key, but now it allows only 64 items per group (e.g. a changed limit).
    GpuDevice smaller = new GpuDevice("opencl", "NVIDIA H100", GPU.cacheKey(), 64, 64, 64, 64);
    FakeTimer timer = new FakeTimer();
    WorkgroupTuner tuner = tuner(smaller, timer);
    Grid winner = tuner.choose(OpKind.CONV_2D, CONV);
    assertEquals(1, timer.prepared);
    assertTrue(winner.size() <= 64, winner.toString());
    assertEquals(new Grid(16, 4, 1), winner); // the fake's best among 64-item candidates
  }

  @Test
  void candidatesRespectTheGridAndTheDevice() {
    KernelSource small = TestKernels.fill("k0_add", 3, 6, 8, 1f); // grid 6 x 3 x 2
    GpuDevice device = TestKernels.device("gles", "x", 16);
    for (Grid c : tuner(device, NEVER).candidates(OpKind.ELEMENTWISE, small)) {
      assertTrue(c.x() <= 4 && c.y() <= 2 && c.z() <= 2 && c.size() <= 16, c.toString());
    }
  }

  @Test
  void withoutACacheDirectoryEveryTunerTimesAgain() {
    FakeTimer timer = new FakeTimer();
    WorkgroupTuner.forDevice(GPU, timer, Optional.empty()).choose(OpKind.CONV_2D, CONV);
    WorkgroupTuner.forDevice(GPU, timer, Optional.empty()).choose(OpKind.CONV_2D, CONV);
    assertEquals(2, timer.prepared);
  }
}
