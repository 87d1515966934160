package io.jlite.gpu.fault;

import io.jlite.GpuUnavailableException;
import java.util.List;

/**
 * A GPU partition failed while it was prepared or run: the driver reported an error (out of memory,
 * a lost device, a kernel it would not build). The message names the model, the backend, the model
 * ops of the partition and the driver's error; the cause is the backend's own exception.
 */
public final class GpuFaultException extends GpuUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String backend;
  private final List<Integer> ops;

  GpuFaultException(String message, String backend, List<Integer> ops, Throwable cause) {
    super(message, cause);
    this.backend = backend;
    this.ops = List.copyOf(ops);
  }

  /** The backend that failed, e.g. {@code "OpenCL"}. */
  public String backend() {
    return backend;
  }

  /** The model op indices of the partition that failed. */
  public List<Integer> ops() {
    return ops;
  }
}
