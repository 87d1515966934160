package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import io.jlite.GpuUnavailableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds OpenCL devices and picks one: the device named by {@code JLITE_OPENCL_DEVICE} (or the
 * {@code device} option) if given, else the first GPU, else the first device of any kind (PoCL on
 * machines without a GPU).
 *
 * <p>A device is named by its index in {@link #all()} ({@code "1"}) or by a case-insensitive part
 * of its platform or device name ({@code "nvidia"}, {@code "pocl"}, {@code "portable"}).
 */
public final class OpenClDevices {
  /** The environment variable that chooses the device, like the {@code device} option. */
  public static final String DEVICE_ENV = "JLITE_OPENCL_DEVICE";

  private OpenClDevices() {}

  /** A device with the handles needed to open a context on it. */
  record Found(DeviceInfo info, cl_platform_id platform, cl_device_id device) {}

  /**
   * Every device of every platform, in platform order.
   *
   * @throws GpuUnavailableException when OpenCL itself cannot be loaded (no ICD loader) or no
   *     platform is installed
   */
  public static List<DeviceInfo> all() {
    return discover().stream().map(Found::info).toList();
  }

  /** Whether some OpenCL device exists; never throws. */
  public static boolean anyAvailable() {
    try {
      return !discover().isEmpty();
    } catch (GpuUnavailableException e) {
      return false;
    }
  }

  /**
   * The device to use: {@code spec} if present, else {@code JLITE_OPENCL_DEVICE} if set, else the
   * first GPU, else the first device.
   */
  static Found select(Optional<String> spec) {
    List<Found> devices = discover();
    if (devices.isEmpty()) {
      throw new GpuUnavailableException("OpenCL: the installed platforms report no device");
    }
    Optional<String> wanted =
        spec.or(() -> Optional.ofNullable(System.getenv(DEVICE_ENV))).filter(s -> !s.isBlank());
    if (wanted.isPresent()) {
      return byName(devices, wanted.get().trim());
    }
    return devices.stream().filter(d -> d.info().gpu()).findFirst().orElse(devices.get(0));
  }

  private static Found byName(List<Found> devices, String wanted) {
    if (wanted.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(wanted);
      if (index < devices.size()) {
        return devices.get(index);
      }
    } else {
      String needle = wanted.toLowerCase(Locale.ROOT);
      for (Found d : devices) {
        String names = (d.info().platformName() + " " + d.info().name()).toLowerCase(Locale.ROOT);
        if (names.contains(needle) || (needle.equals("pocl") && names.contains("portable"))) {
          return d;
        }
      }
    }
    throw new GpuUnavailableException(
        "OpenCL: no device matches '"
            + wanted
            + "' (from the device option or "
            + DEVICE_ENV
            + "); devices: "
            + devices.stream().map(d -> d.info().describe()).toList());
  }

  static List<Found> discover() {
    cl_platform_id[] platforms;
    try {
      int[] count = new int[1];
      int status = CL.clGetPlatformIDs(0, null, count);
      if (status == CL.CL_PLATFORM_NOT_FOUND_KHR || (status == CL.CL_SUCCESS && count[0] == 0)) {
        throw new GpuUnavailableException(
            "OpenCL: no platform installed (no ICD in /etc/OpenCL/vendors; on Debian install"
                + " pocl-opencl-icd for a CPU device, or the GPU vendor's OpenCL driver)");
      }
      check(status, "clGetPlatformIDs");
      platforms = new cl_platform_id[count[0]];
      check(CL.clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs");
    } catch (LinkageError | UnsupportedOperationException e) {
      // JOCL loads libOpenCL.so lazily; without an ICD loader the first call fails here.
      throw new GpuUnavailableException(
          "OpenCL: cannot load the OpenCL library (libOpenCL.so; on Debian install"
              + " ocl-icd-libopencl1): "
              + e.getMessage(),
          e);
    }
    List<Found> found = new ArrayList<>();
    for (cl_platform_id platform : platforms) {
      int[] count = new int[1];
      int status = CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, count);
      if (status == CL.CL_DEVICE_NOT_FOUND || count[0] == 0) {
        continue;
      }
      check(status, "clGetDeviceIDs");
      cl_device_id[] devices = new cl_device_id[count[0]];
      check(
          CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, devices.length, devices, null),
          "clGetDeviceIDs");
      for (cl_device_id device : devices) {
        found.add(new Found(describe(found.size(), platform, device), platform, device));
      }
    }
    return found;
  }

  private static DeviceInfo describe(int index, cl_platform_id platform, cl_device_id device) {
    return new DeviceInfo(
        index,
        platformString(platform, CL.CL_PLATFORM_NAME),
        platformString(platform, CL.CL_PLATFORM_VERSION),
        deviceString(device, CL.CL_DEVICE_NAME),
        deviceString(device, CL.CL_DEVICE_VENDOR),
        deviceString(device, CL.CL_DRIVER_VERSION),
        deviceString(device, CL.CL_DEVICE_VERSION),
        (deviceLong(device, CL.CL_DEVICE_TYPE) & CL.CL_DEVICE_TYPE_GPU) != 0,
        new HashSet<>(Arrays.asList(deviceString(device, CL.CL_DEVICE_EXTENSIONS).split("\\s+"))),
        deviceLong(device, CL.CL_DEVICE_GLOBAL_MEM_SIZE),
        deviceLong(device, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE),
        deviceLong(device, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE),
        (int) deviceInt(device, CL.CL_DEVICE_MAX_COMPUTE_UNITS));
  }

  private static String platformString(cl_platform_id platform, int param) {
    long[] size = new long[1];
    check(CL.clGetPlatformInfo(platform, param, 0, null, size), "clGetPlatformInfo");
    byte[] bytes = new byte[(int) size[0]];
    check(
        CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null),
        "clGetPlatformInfo");
    return cString(bytes);
  }

  private static String deviceString(cl_device_id device, int param) {
    long[] size = new long[1];
    check(CL.clGetDeviceInfo(device, param, 0, null, size), "clGetDeviceInfo");
    byte[] bytes = new byte[(int) size[0]];
    check(
        CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null),
        "clGetDeviceInfo");
    return cString(bytes);
  }

  /** A {@code cl_ulong}, {@code size_t} or bitfield parameter (all 8 bytes on 64-bit hosts). */
  private static long deviceLong(cl_device_id device, int param) {
    ByteBuffer value = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    long[] size = new long[1];
    check(CL.clGetDeviceInfo(device, param, 8, Pointer.to(value.array()), size), "clGetDeviceInfo");
    return size[0] == 4 ? value.getInt(0) & 0xFFFFFFFFL : value.getLong(0);
  }

  /** A {@code cl_uint} parameter. */
  private static long deviceInt(cl_device_id device, int param) {
    int[] value = new int[1];
    check(CL.clGetDeviceInfo(device, param, 4, Pointer.to(value), null), "clGetDeviceInfo");
    return value[0] & 0xFFFFFFFFL;
  }

  private static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
  }
}
