package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.Grid;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Runs a kernel on the device at a given workgroup size and says how long it took: what a backend
 * supplies to a {@link WorkgroupTuner}. {@link #prepare} sets a kernel up once (buffers, program),
 * then the tuner times each candidate size on the returned {@link Trial}.
 */
@FunctionalInterface
public interface KernelTimer {
  /** Sets up {@code kernel} for timing; the caller closes the trial. */
  Trial prepare(KernelSource kernel);

  /**
   * What else, beyond a kernel's own code, decides how this timer's launches run (e.g. a prologue
   * its backend's code generator adds to every kernel); part of the key of the winners a {@link
   * WorkgroupTuner} keeps on disk, so winners timed one way are not reused the other. Empty by
   * default.
   */
  default String variant() {
    return "";
  }

  /** One kernel, ready to be timed at several workgroup sizes. */
  @FunctionalInterface
  interface Trial extends AutoCloseable {
    /**
     * The time of one launch of the kernel over its whole grid in groups of {@code workgroup}, in
     * nanoseconds (a backend takes the median of a few launches); empty when the device cannot run
     * the kernel at that size (e.g. its registers allow fewer items per group).
     */
    OptionalLong nanos(Grid workgroup);

    /** Releases what {@link KernelTimer#prepare} allocated. */
    @Override
    default void close() {}
  }

  /** How many timed launches {@link #medianNanos} takes by default (after one warm-up launch). */
  int DEFAULT_RUNS = 5;

  /**
   * What a timer's scratch buffer for a kernel parameter holds: a constant's values (so that the
   * kernel reads what it will read in the model), zeros for a tensor (the timing does not depend on
   * the data, and zeros are finite through every op).
   */
  static float[] scratchData(KernelArg parameter) {
    return parameter instanceof TensorArg t
        ? new float[Math.toIntExact(t.layout().floatCount())]
        : ((ConstArg) parameter).toArray();
  }

  /**
   * The median time of {@code runs} calls of {@code launchAndWait}, after one untimed call (the
   * first launch may pay for a lazy compile or upload). The median, not the mean, so that one
   * launch delayed by another process on the GPU does not decide the winner.
   *
   * @param launchAndWait launches the kernel once and waits until it has finished
   */
  static long medianNanos(int runs, Runnable launchAndWait) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, was " + runs);
    }
    launchAndWait.run();
    long[] times = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      launchAndWait.run();
      times[i] = System.nanoTime() - start;
    }
    Arrays.sort(times);
    return times[runs / 2];
  }
}
