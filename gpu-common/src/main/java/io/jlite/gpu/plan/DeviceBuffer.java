package io.jlite.gpu.plan;

/**
 * A backend's device buffer as {@link PlanBuffers} uses it: host floats in and out, and release.
 */
public interface DeviceBuffer extends AutoCloseable {
  /** Copies {@code data} to the start of the buffer. */
  void write(float[] data);

  /** Copies the start of the buffer into {@code data} once the kernels writing it finished. */
  void read(float[] data);

  /** Releases the buffer; releasing twice is harmless. */
  @Override
  void close();
}
