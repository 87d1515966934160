package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import io.jlite.gpu.kernel.OpenClGenerator;
import io.jlite.gpu.workgroup.GpuDevice;
import io.jlite.gpu.workgroup.WorkgroupChooser;
import io.jlite.gpu.workgroup.WorkgroupTuner;
import io.jlite.gpu.workgroup.Workgroups;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;

/**
 * How the OpenCL delegate picks workgroups: gpu-common's table and heuristic for this device, or,
 * with {@link OpenClOptions#autotune()}, a {@link WorkgroupTuner} that times candidates with a
 * {@link ClKernelTimer} and keeps the winners in {@code <programCache>/workgroups}.
 */
public final class ClWorkgroups {
  private ClWorkgroups() {}

  /** The tuner's cache directory inside a program cache directory. */
  static final String CACHE_SUBDIRECTORY = "workgroups";

  /** The heuristic for the runtime's device. */
  public static WorkgroupChooser heuristic(OpenClRuntime runtime) {
    return Workgroups.forDevice(device(runtime));
  }

  /**
   * A tuner on the runtime's device, timing kernels as {@code generator} lowers them; winners kept
   * under {@code programCache}, if any.
   */
  static WorkgroupTuner tuner(
      OpenClRuntime runtime,
      OpenClGenerator generator,
      String buildOptions,
      Optional<Path> programCache) {
    return WorkgroupTuner.forDevice(
        device(runtime),
        new ClKernelTimer(runtime, generator, buildOptions),
        programCache.map(d -> d.resolve(CACHE_SUBDIRECTORY)));
  }

  /** What workgroup choice needs to know about the device. */
  static GpuDevice device(OpenClRuntime runtime) {
    DeviceInfo info = runtime.device();
    long[] items = maxWorkItemSizes(runtime);
    int maxGroup = clamp(info.maxWorkGroupSize());
    return new GpuDevice(
        "opencl",
        info.vendor() + " " + info.name(),
        info.cacheKey(),
        maxGroup,
        clamp(items[0]),
        clamp(items[1]),
        clamp(items[2]));
  }

  /** {@code CL_DEVICE_MAX_WORK_ITEM_SIZES}: the largest workgroup along each axis. */
  private static long[] maxWorkItemSizes(OpenClRuntime runtime) {
    ByteBuffer value = ByteBuffer.allocate(3 * Sizeof.size_t).order(ByteOrder.nativeOrder());
    check(
        CL.clGetDeviceInfo(
            runtime.deviceId(),
            CL.CL_DEVICE_MAX_WORK_ITEM_SIZES,
            value.capacity(),
            Pointer.to(value.array()),
            null),
        "querying CL_DEVICE_MAX_WORK_ITEM_SIZES");
    return new long[] {value.getLong(0), value.getLong(8), value.getLong(16)};
  }

  private static int clamp(long n) {
    return (int) Math.max(1, Math.min(n, Integer.MAX_VALUE));
  }
}
