package io.jlite.opencl;

import java.util.Set;

/**
 * What this backend needs to know about an OpenCL device: names for messages and for the program
 * cache key, the limits that decide buffer and workgroup sizes, and the extensions that decide
 * precision.
 *
 * @param index position in the list of all devices of all platforms (what {@code
 *     JLITE_OPENCL_DEVICE=N} selects)
 * @param platformName e.g. {@code "NVIDIA CUDA"} or {@code "Portable Computing Language"}
 * @param platformVersion e.g. {@code "OpenCL 3.0 CUDA 12.8.97"}
 * @param name the device name, e.g. {@code "NVIDIA H100 80GB HBM3"}
 * @param vendor the device vendor
 * @param driverVersion {@code CL_DRIVER_VERSION}; part of the program cache key because a new
 *     driver may not load (or may miscompile) binaries of an old one
 * @param deviceVersion {@code CL_DEVICE_VERSION}, e.g. {@code "OpenCL 3.0 CUDA"}
 * @param gpu whether the device reports {@code CL_DEVICE_TYPE_GPU}
 * @param extensions {@code CL_DEVICE_EXTENSIONS}, split on spaces
 * @param globalMemBytes {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param maxAllocBytes {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}: the largest single buffer
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param computeUnits {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 */
public record DeviceInfo(
    int index,
    String platformName,
    String platformVersion,
    String name,
    String vendor,
    String driverVersion,
    String deviceVersion,
    boolean gpu,
    Set<String> extensions,
    long globalMemBytes,
    long maxAllocBytes,
    long maxWorkGroupSize,
    int computeUnits) {

  public DeviceInfo {
    extensions = Set.copyOf(extensions);
  }

  /** Whether kernels may compute in {@code half} ({@code cl_khr_fp16}). */
  public boolean supportsFp16() {
    return extensions.contains("cl_khr_fp16");
  }

  /**
   * Whether the device's OpenCL compiler takes inline PTX ({@code asm}), which {@link
   * io.jlite.gpu.kernel.OpenClGenerator#withL2Prefetch} kernels use: NVIDIA's platform.
   */
  public boolean acceptsInlinePtx() {
    return platformName.startsWith("NVIDIA");
  }

  /**
   * Identifies the device and its compiler for caches: platform, device and driver versions. Two
   * devices with equal keys accept each other's program binaries.
   */
  public String cacheKey() {
    return String.join(
        "\n", platformName, platformVersion, name, vendor, driverVersion, deviceVersion);
  }

  /**
   * One line for logs and error messages, e.g. {@code "#1 NVIDIA H100 80GB HBM3 (NVIDIA CUDA)"}.
   */
  public String describe() {
    return "#"
        + index
        + " "
        + name
        + " ("
        + platformName
        + ", "
        + (gpu ? "GPU" : "not a GPU")
        + ")";
  }
}
