/**
 * What a GPU backend does when its driver fails: {@link io.jlite.gpu.fault.GpuFallback} turns a
 * failure while preparing or running a partition into a {@link
 * io.jlite.gpu.fault.GpuFaultException} with context, or (when the user asked for fallback) into
 * CPU execution with one warning; {@link io.jlite.gpu.fault.DriverFaults} is the seam through which
 * tests make a driver call fail.
 */
package io.jlite.gpu.fault;
