package io.jlite.opencl;

import io.jlite.gpu.cache.BinaryCache;
import java.nio.file.Path;

/**
 * OpenCL program binaries on disk: gpu-common's verified {@link BinaryCache} with OpenCL's
 * descriptor (device, platform and driver versions, build options, source) and directory.
 */
public final class ProgramCache extends BinaryCache {
  /** A cache in {@code directory}, created on first store. */
  public ProgramCache(Path directory) {
    super(directory, "OpenCL program", ".clbin");
  }

  /**
   * The default directory: {@code $JLITE_CACHE_DIR/opencl}, else {@code
   * $XDG_CACHE_HOME/jlite/opencl}, else {@code ~/.cache/jlite/opencl}.
   */
  public static Path defaultDirectory() {
    return BinaryCache.defaultDirectory("opencl");
  }

  /** The descriptor of a program: what must be equal for a binary to be reused. */
  static String descriptor(DeviceInfo device, String options, String source) {
    return device.cacheKey() + "\noptions: " + options + "\nsource sha256: " + sha256Hex(source);
  }
}
