package io.jlite.cli;

import io.jlite.opencl.KernelTime;
import io.jlite.opencl.OpenClDelegate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jlite bench --profile}: the device time of the OpenCL kernels over the timed runs only,
 * from {@link OpenClDelegate#kernelTimes()} (which counts every run since the delegate was made)
 * taken before and after them.
 */
final class KernelReport {
  /** Kernels printed, slowest first. */
  static final int SHOWN = 10;

  private final List<KernelTime> before;

  private KernelReport(List<KernelTime> before) {
    this.before = before;
  }

  /** Starts a report on {@code engine}'s profiling OpenCL delegate, before the timed runs. */
  static KernelReport start(Backend engine) {
    return new KernelReport(delegate(engine).kernelTimes());
  }

  private static OpenClDelegate delegate(Backend engine) {
    if (engine instanceof CpuBackend jlite
        && jlite.delegate().orElse(null) instanceof OpenClDelegate opencl) {
      return opencl;
    }
    throw new IllegalStateException(engine.name() + " is not the opencl backend");
  }

  /** One kernel's device time over the timed runs. */
  record Row(String kernel, List<Integer> ops, long nanos) {}

  /** The kernels' times since {@link #start}, slowest first. */
  List<Row> since(Backend engine) {
    Map<String, KernelTime> earlier = new HashMap<>();
    for (KernelTime k : before) {
      earlier.put(k.kernel(), k);
    }
    List<Row> rows = new ArrayList<>();
    for (KernelTime k : delegate(engine).kernelTimes()) {
      KernelTime e = earlier.get(k.kernel());
      long nanos = k.deviceNanos() - (e == null ? 0 : e.deviceNanos());
      rows.add(new Row(k.kernel(), k.opIndices(), nanos));
    }
    rows.sort(Comparator.comparingLong(Row::nanos).reversed());
    return rows;
  }

  /** Prints the {@value #SHOWN} slowest of {@code rows}, in device µs per run of {@code runs}. */
  static void print(PrintWriter out, List<Row> rows, int runs) {
    long total = rows.stream().mapToLong(Row::nanos).sum();
    out.println(
        String.format(
            Locale.ROOT,
            "opencl kernels: %.1f µs device time per run in %d kernels; slowest %d:",
            total / 1e3 / runs,
            rows.size(),
            Math.min(SHOWN, rows.size())));
    Table table = new Table("").header("kernel", "ops", "µs per run", "share").alignRight(2, 3);
    for (Row r : rows.subList(0, Math.min(SHOWN, rows.size()))) {
      table.row(
          r.kernel(),
          r.ops().toString(),
          String.format(Locale.ROOT, "%.1f", r.nanos() / 1e3 / runs),
          String.format(Locale.ROOT, "%.1f%%", total == 0 ? 0 : 100.0 * r.nanos() / total));
    }
    table.print(out);
  }
}
