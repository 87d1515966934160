package io.jlite.opencl;

import io.jlite.GpuUnavailableException;
import org.jocl.CL;

/**
 * Turns OpenCL status codes into {@link GpuUnavailableException}s that say what was being done.
 *
 * <p>JOCL can throw its own unchecked {@code CLException} instead, but that switch is global to the
 * JVM and would change the behaviour of any other JOCL user in the process, so this backend leaves
 * it off and checks every code itself.
 */
final class ClStatus {
  private ClStatus() {}

  /** Throws unless {@code code} is {@code CL_SUCCESS}; {@code action} says what failed. */
  static void check(int code, String action) {
    if (code != CL.CL_SUCCESS) {
      throw failure(code, action);
    }
  }

  /** The exception for a failed call; out-of-memory codes say so in plain words. */
  static GpuUnavailableException failure(int code, String action) {
    String name = CL.stringFor_errorCode(code);
    if (isOutOfMemory(code)) {
      return new GpuUnavailableException(
          "OpenCL device out of memory: " + action + " failed with " + name);
    }
    return new GpuUnavailableException("OpenCL: " + action + " failed with " + name);
  }

  static boolean isOutOfMemory(int code) {
    return code == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE
        || code == CL.CL_OUT_OF_RESOURCES
        || code == CL.CL_OUT_OF_HOST_MEMORY;
  }
}
