package io.jlite.opencl;

import io.jlite.GpuUnavailableException;

/** An OpenCL program did not compile; carries the compiler's build log. */
public final class ProgramBuildException extends GpuUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String buildLog;

  ProgramBuildException(String message, String buildLog) {
    super(message + "\nbuild log:\n" + buildLog);
    this.buildLog = buildLog;
  }

  /** What the OpenCL compiler said. */
  public String buildLog() {
    return buildLog;
  }
}
