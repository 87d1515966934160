package io.jlite.cli;

import java.util.Arrays;

/**
 * Summary of latency samples in milliseconds. Percentiles interpolate linearly between the sorted
 * samples (NumPy's default): the q-th percentile of n sorted samples s is {@code s[k] + f * (s[k+1]
 * - s[k])} where {@code k + f = q * (n - 1)}; the median is the 50th percentile.
 *
 * @param median 50th percentile
 * @param p10 10th percentile
 * @param p90 90th percentile
 * @param runs number of samples
 */
record LatencyStats(double median, double p10, double p90, int runs) {

  /** The statistics of {@code samplesMs}, which must not be empty. */
  static LatencyStats of(double[] samplesMs) {
    if (samplesMs.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = samplesMs.clone();
    Arrays.sort(sorted);
    return new LatencyStats(
        percentile(sorted, 0.5), percentile(sorted, 0.1), percentile(sorted, 0.9), sorted.length);
  }

  private static double percentile(double[] sorted, double q) {
    double rank = q * (sorted.length - 1);
    int k = (int) Math.floor(rank);
    if (k + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[k] + (rank - k) * (sorted[k + 1] - sorted[k]);
  }
}
