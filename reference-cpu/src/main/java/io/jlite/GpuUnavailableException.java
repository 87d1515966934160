package io.jlite;

/**
 * A GPU backend cannot run: no device or driver, a kernel that does not compile, the device ran out
 * of memory or was lost. The caller may fall back to the reference CPU (an interpreter without the
 * delegate).
 */
public class GpuUnavailableException extends JLiteException {
  private static final long serialVersionUID = 1L;

  public GpuUnavailableException(String message) {
    super(message);
  }

  public GpuUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
