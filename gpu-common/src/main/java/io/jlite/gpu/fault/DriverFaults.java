package io.jlite.gpu.fault;

/**
 * A test seam: decides whether a driver call fails and with which of the driver's own error codes,
 * so tests can make a backend meet the failures real drivers report (out of memory, lost device)
 * through the same code paths. Both APIs use 0 for success ({@code CL_SUCCESS}, {@code
 * GL_NO_ERROR}), which here means "make the real call".
 */
@FunctionalInterface
public interface DriverFaults {
  /** Never fails: every call goes to the driver. */
  DriverFaults NONE = (call, what) -> 0;

  /**
   * The error code the driver should report for this call, or 0 to make the real call.
   *
   * @param call the kind of call
   * @param what what is being done, as in error messages (a buffer or kernel name)
   */
  int errorFor(DriverCall call, String what);
}
