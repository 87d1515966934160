package io.jlite.gpu.kernel;

import java.util.List;

/**
 * A kernel lowered to one target language.
 *
 * @param language "OpenCL C" or "GLSL ES 3.10"
 * @param source the complete program text
 * @param entryPoint the kernel function's name (OpenCL); {@code main} for GLSL
 * @param parameters the buffers to bind, in parameter order (OpenCL argument index, GLSL binding
 *     point): every {@link TensorArg} and every {@link ConstArg} not inlined into the source
 * @param inlined the constants written into the source as literals
 */
public record LoweredKernel(
    String language,
    String source,
    String entryPoint,
    List<KernelArg> parameters,
    List<ConstArg> inlined) {
  public LoweredKernel {
    parameters = List.copyOf(parameters);
    inlined = List.copyOf(inlined);
  }
}
