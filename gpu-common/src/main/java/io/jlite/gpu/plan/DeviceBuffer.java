package io.jlite.gpu.plan;

/**
 * A backend's device buffer as {@link PlanBuffers} uses it: host floats in and out, and release.
 */
public interface DeviceBuffer extends AutoCloseable {
  /** Copies {@code data} to the start of the buffer. */
  void write(float[] data);

  /**
   * Copies 16-bit float bits to the start of the buffer (a constant a generator stores in half,
   * {@link io.jlite.gpu.kernel.ConstArg#half}); backends whose generators store none need not.
   */
  default void write(short[] halves) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " holds no 16-bit data");
  }

  /** Copies the start of the buffer into {@code data} once the kernels writing it finished. */
  void read(float[] data);

  /**
   * Starts copying the buffer's first {@code floats} floats to the host for the {@link #download}
   * that follows, without waiting: the copy sees every kernel enqueued before this call and none
   * enqueued after. {@link PlanBuffers} starts every output's copy before it downloads the first,
   * so a backend that stages copies waits once per run; by default nothing happens here and {@link
   * #download} reads.
   */
  default void startDownload(int floats) {}

  /**
   * Like {@link #startDownload}, for an output that later kernels of the run no longer write: a
   * backend may move it to the host while they run (nothing may write the buffer until the {@link
   * #download}). By default the same as {@link #startDownload}.
   */
  default void startEarlyDownload(int floats) {
    startDownload(floats);
  }

  /**
   * Like {@link #read}, for a partition output read on every run: takes what {@link #startDownload}
   * copied where the backend staged it.
   */
  default void download(float[] data) {
    read(data);
  }

  /** Releases the buffer; releasing twice is harmless. */
  @Override
  void close();
}
