/** The OpenCL backend for desktop GPUs (PoCL on machines without one), over {@code gpu-common}. */
package io.jlite.opencl;
