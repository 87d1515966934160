package io.jlite.gles;

import io.jlite.gpu.workgroup.GpuDevice;
import io.jlite.gpu.workgroup.WorkgroupChooser;
import io.jlite.gpu.workgroup.WorkgroupTuner;
import io.jlite.gpu.workgroup.Workgroups;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the GLES delegate picks workgroups: gpu-common's table and heuristic for this driver, or,
 * with {@link GlesOptions#autotune()}, a {@link WorkgroupTuner} that times candidates with a {@link
 * GlesKernelTimer} and keeps the winners in {@code <programCache>/workgroups}.
 */
public final class GlesWorkgroups {
  private GlesWorkgroups() {}

  /** The tuner's cache directory inside a program cache directory. */
  static final String CACHE_SUBDIRECTORY = "workgroups";

  /** The heuristic for the context's driver. */
  public static WorkgroupChooser heuristic(GlesContext context) {
    return Workgroups.forDevice(device(context.info()));
  }

  /** A tuner in {@code context}; winners kept under {@code programCache}, if any. */
  static WorkgroupTuner tuner(GlesContext context, Optional<Path> programCache) {
    return WorkgroupTuner.forDevice(
        device(context.info()),
        new GlesKernelTimer(context),
        programCache.map(d -> d.resolve(CACHE_SUBDIRECTORY)));
  }

  /** What workgroup choice needs to know about the driver. */
  static GpuDevice device(GlesDeviceInfo info) {
    return new GpuDevice(
        "gles",
        info.vendor() + " " + info.renderer(),
        info.cacheKey(),
        info.maxInvocations(),
        info.maxWorkgroupX(),
        info.maxWorkgroupY(),
        info.maxWorkgroupZ());
  }
}
