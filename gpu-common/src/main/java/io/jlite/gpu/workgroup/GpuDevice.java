package io.jlite.gpu.workgroup;

import java.util.Objects;

/**
 * What workgroup choice needs to know about a device, as its backend reports it.
 *
 * @param api the backend's API, matched against the table's {@code api} column: {@code "opencl"} or
 *     {@code "gles"}
 * @param description vendor and device name (e.g. OpenCL's {@code CL_DEVICE_VENDOR} and {@code
 *     CL_DEVICE_NAME}, GLES's {@code GL_VENDOR} and {@code GL_RENDERER}), matched against the
 *     table's vendor patterns
 * @param cacheKey identifies the device and its driver build for the tuning cache: a new driver may
 *     make another workgroup the fastest, so its winners are tuned again
 * @param maxInvocations the most work items in one workgroup
 * @param maxX the largest workgroup along x
 * @param maxY the largest workgroup along y
 * @param maxZ the largest workgroup along z
 */
public record GpuDevice(
    String api,
    String description,
    String cacheKey,
    int maxInvocations,
    int maxX,
    int maxY,
    int maxZ) {

  /**
   * A device nothing is known about, with OpenGL ES 3.1's guaranteed minimum limits (128
   * invocations, 128 × 128 × 64), which every GPU either backend runs on accepts.
   */
  public static final GpuDevice UNKNOWN = new GpuDevice("", "", "", 128, 128, 128, 64);

  public GpuDevice {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(cacheKey, "cacheKey");
    if (maxInvocations < 1 || maxX < 1 || maxY < 1 || maxZ < 1) {
      throw new IllegalArgumentException(
          "device '"
              + description
              + "' reports workgroup limits "
              + maxInvocations
              + " / "
              + maxX
              + "x"
              + maxY
              + "x"
              + maxZ
              + "; each must be at least 1");
    }
  }
}
