package io.jlite.gpu.workgroup;

import io.jlite.gpu.cache.BinaryCache;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.OpenClGenerator;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Autotuning: times each candidate workgroup of a kernel on the device with a backend's {@link
 * KernelTimer} and picks the fastest. Candidates are the heuristic's pick and a small fixed set
 * ({@link #STANDARD}), each {@linkplain Workgroups#fit fitted} to the kernel's grid and the
 * device's limits; ties go to the earlier candidate, so the heuristic's pick wins unless another is
 * faster.
 *
 * <p>Winners are kept in memory and, with a cache directory, on disk per device (its {@link
 * GpuDevice#cacheKey()}: device and driver) and kernel source hash, so a second start times
 * nothing. Entries are {@link BinaryCache} files (descriptor, length and checksum verified); a
 * stored winner is used only if it is still one of the kernel's candidates on this device. A
 * corrupt or stale entry is deleted and the kernel tuned again.
 */
public final class WorkgroupTuner implements WorkgroupChooser {
  private static final System.Logger LOG = System.getLogger(WorkgroupTuner.class.getName());

  /** Changing the candidates or the entry format changes this, so old entries miss. */
  private static final String FORMAT = "JLite workgroup tuning 1";

  /** Tried for every kernel besides the heuristic's pick (before fitting to the grid). */
  public static final List<Grid> STANDARD =
      List.of(
          new Grid(4, 4, 1),
          new Grid(8, 4, 1),
          new Grid(8, 8, 1),
          new Grid(16, 4, 1),
          new Grid(16, 8, 1),
          new Grid(16, 16, 1),
          new Grid(32, 4, 1),
          new Grid(32, 8, 1),
          new Grid(64, 1, 1),
          new Grid(64, 4, 1),
          new Grid(128, 1, 1));

  private final GpuDevice device;
  private final WorkgroupChooser heuristic;
  private final KernelTimer timer;
  private final Optional<BinaryCache> cache;
  private final Map<String, Grid> winners = new HashMap<>();
  private int tuned;
  private int fromDisk;

  /**
   * A tuner for {@code device}.
   *
   * @param heuristic gives the first candidate, and the answer when no candidate runs
   * @param timer runs kernels on the device
   * @param cacheDirectory where winners are kept between runs; empty: tune on every start
   */
  public WorkgroupTuner(
      GpuDevice device,
      WorkgroupChooser heuristic,
      KernelTimer timer,
      Optional<Path> cacheDirectory) {
    this.device = device;
    this.heuristic = heuristic;
    this.timer = timer;
    this.cache = cacheDirectory.map(d -> new BinaryCache(d, "workgroup tuning", ".wg"));
  }

  /** A tuner that starts from {@link Workgroups#forDevice}. */
  public static WorkgroupTuner forDevice(
      GpuDevice device, KernelTimer timer, Optional<Path> cacheDirectory) {
    return new WorkgroupTuner(device, Workgroups.forDevice(device), timer, cacheDirectory);
  }

  /** Kernels timed on the device so far (a cache hit times none). */
  public int kernelsTuned() {
    return tuned;
  }

  /** Winners read from the disk cache so far. */
  public int winnersFromDisk() {
    return fromDisk;
  }

  /** The candidates tried for {@code kernel}, heuristic's pick first, without repeats. */
  public List<Grid> candidates(OpKind kind, KernelSource kernel) {
    Set<Grid> all = new LinkedHashSet<>();
    all.add(Workgroups.fit(heuristic.choose(kind, kernel), kernel.grid(), device));
    for (Grid g : STANDARD) {
      all.add(Workgroups.fit(g, kernel.grid(), device));
    }
    return List.copyOf(all);
  }

  @Override
  public Grid choose(OpKind kind, KernelSource kernel) {
    String descriptor = descriptor(kernel);
    Grid known = winners.get(descriptor);
    if (known != null) {
      return known;
    }
    List<Grid> candidates = candidates(kind, kernel);
    Grid winner =
        fromDisk(descriptor, candidates).orElseGet(() -> tune(kernel, descriptor, candidates));
    winners.put(descriptor, winner);
    return winner;
  }

  private Optional<Grid> fromDisk(String descriptor, List<Grid> candidates) {
    if (cache.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> entry = cache.get().load(descriptor);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Optional<Grid> stored = decode(entry.get());
    if (stored.isEmpty() || !candidates.contains(stored.get())) {
      cache
          .get()
          .evict(
              descriptor,
              "stale: "
                  + stored.map(Grid::toString).orElse("no workgroup")
                  + " is not a candidate now ("
                  + candidates
                  + ")");
      return Optional.empty();
    }
    fromDisk++;
    return stored;
  }

  private Grid tune(KernelSource kernel, String descriptor, List<Grid> candidates) {
    Grid best = null;
    long bestNanos = Long.MAX_VALUE;
    try (KernelTimer.Trial trial = timer.prepare(kernel)) {
      for (Grid candidate : candidates) {
        OptionalLong nanos = trial.nanos(candidate);
        if (nanos.isPresent() && nanos.getAsLong() < bestNanos) {
          best = candidate;
          bestNanos = nanos.getAsLong();
        }
      }
    }
    tuned++;
    if (best == null) {
      LOG.log(
          Level.WARNING,
          "kernel '" + kernel.name() + "' ran at none of " + candidates + "; using the heuristic");
      return candidates.get(0);
    }
    LOG.log(
        Level.DEBUG,
        "kernel '"
            + kernel.name()
            + "': "
            + best
            + " fastest ("
            + bestNanos
            + " ns) of "
            + candidates);
    Grid winner = best;
    cache.ifPresent(c -> c.store(descriptor, encode(winner)));
    return winner;
  }

  /**
   * What a winner depends on: the device and driver, the kernel's code (its OpenCL lowering without
   * the kernel's name, so equal kernels at different places in a model share a winner), and the
   * timer's {@link KernelTimer#variant} if it has one.
   */
  private String descriptor(KernelSource kernel) {
    String variant = timer.variant();
    return FORMAT
        + "\napi: "
        + device.api()
        + "\ndevice: "
        + device.cacheKey()
        + "\nkernel sha256: "
        + kernelHash(kernel)
        + (variant.isEmpty() ? "" : "\ntimer: " + variant);
  }

  /** The SHA-256 of {@code kernel}'s code, independent of its name. */
  public static String kernelHash(KernelSource kernel) {
    KernelSource anonymous =
        new KernelSource(
            "kernel",
            kernel.functions(),
            kernel.body(),
            kernel.args(),
            kernel.grid(),
            kernel.epilogue());
    return BinaryCache.sha256Hex(
        new OpenClGenerator().lower(anonymous, new Grid(1, 1, 1)).source());
  }

  private static byte[] encode(Grid g) {
    return ByteBuffer.allocate(3 * Integer.BYTES).putInt(g.x()).putInt(g.y()).putInt(g.z()).array();
  }

  private static Optional<Grid> decode(byte[] bytes) {
    if (bytes.length != 3 * Integer.BYTES) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int x = b.getInt();
    int y = b.getInt();
    int z = b.getInt();
    return x >= 1 && y >= 1 && z >= 1 ? Optional.of(new Grid(x, y, z)) : Optional.empty();
  }
}
