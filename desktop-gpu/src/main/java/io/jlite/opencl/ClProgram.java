package io.jlite.opencl;

import static io.jlite.opencl.ClStatus.check;

import org.jocl.CL;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/** A built OpenCL program, owned (and cached by source) by its {@link OpenClRuntime}. */
public final class ClProgram implements AutoCloseable {
  private final OpenClRuntime runtime;
  private final String key;
  private final boolean fromDiskCache;
  private cl_program program;

  ClProgram(OpenClRuntime runtime, String key, boolean fromDiskCache, cl_program program) {
    this.runtime = runtime;
    this.key = key;
    this.fromDiskCache = fromDiskCache;
    this.program = program;
  }

  /** The hash of device, build options and source that identifies this program. */
  public String key() {
    return key;
  }

  /** Whether the program was loaded from the on-disk cache rather than compiled from source. */
  public boolean fromDiskCache() {
    return fromDiskCache;
  }

  cl_program handle() {
    if (program == null) {
      throw new IllegalStateException("OpenCL program " + key + " is closed");
    }
    return program;
  }

  /** A new kernel object for the kernel function {@code name}; the caller closes it. */
  public ClKernel kernel(String name) {
    int[] status = new int[1];
    cl_kernel kernel = CL.clCreateKernel(handle(), name, status);
    check(status[0], "creating kernel '" + name + "'");
    return runtime.track(new ClKernel(runtime, name, kernel));
  }

  @Override
  public void close() {
    if (program != null) {
      cl_program released = program;
      program = null;
      runtime.released(this);
      check(CL.clReleaseProgram(released), "releasing program " + key);
    }
  }
}
