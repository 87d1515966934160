package io.jlite.opencl;

/**
 * Where the host's time went in the runs of an {@link OpenClDelegate} so far, summed over runs and
 * partitions: converting and uploading inputs, enqueueing kernels (the host never waits here), and
 * waiting for the device plus downloading and converting outputs.
 *
 * @param runs partition runs
 * @param kernelLaunches kernels enqueued
 * @param uploadNanos BHWC→PHWC4 conversion and input writes
 * @param enqueueNanos kernel launches (argument-free: arguments are bound at preparation)
 * @param waitAndDownloadNanos the one wait for the queue, output reads and PHWC4→BHWC conversion
 * @param deviceSpanNanos device time from the start of each run's first kernel to the end of its
 *     last, when {@link OpenClOptions#deviceSpans()} is on (else 0)
 */
public record RunStats(
    long runs,
    long kernelLaunches,
    long uploadNanos,
    long enqueueNanos,
    long waitAndDownloadNanos,
    long deviceSpanNanos) {
  /** No runs yet. */
  public static final RunStats NONE = new RunStats(0, 0, 0, 0, 0, 0);

  RunStats plus(RunStats other) {
    return new RunStats(
        runs + other.runs,
        kernelLaunches + other.kernelLaunches,
        uploadNanos + other.uploadNanos,
        enqueueNanos + other.enqueueNanos,
        waitAndDownloadNanos + other.waitAndDownloadNanos,
        deviceSpanNanos + other.deviceSpanNanos);
  }

  /** The stats of the runs since {@code earlier}. */
  public RunStats since(RunStats earlier) {
    return new RunStats(
        runs - earlier.runs,
        kernelLaunches - earlier.kernelLaunches,
        uploadNanos - earlier.uploadNanos,
        enqueueNanos - earlier.enqueueNanos,
        waitAndDownloadNanos - earlier.waitAndDownloadNanos,
        deviceSpanNanos - earlier.deviceSpanNanos);
  }
}
