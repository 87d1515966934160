package io.jlite.gpu.fault;

/** The kinds of driver call a GPU backend makes where a real driver can fail. */
public enum DriverCall {
  /** Creating a device buffer ({@code clCreateBuffer}, {@code glBufferData}). */
  ALLOCATE,
  /** Compiling and linking a kernel ({@code clBuildProgram}, {@code glCompileShader}). */
  BUILD,
  /** Copying host data into a buffer ({@code clEnqueueWriteBuffer}, {@code glBufferSubData}). */
  WRITE,
  /** Launching a kernel ({@code clEnqueueNDRangeKernel}, {@code glDispatchCompute}). */
  ENQUEUE,
  /** Copying a buffer back to the host ({@code clEnqueueReadBuffer}, {@code glMapBufferRange}). */
  READ
}
