package io.jlite.gpu.kernel;

import java.util.List;

/**
 * A kernel lowered to one target language, in the parts of its program text: {@link #source()} is
 * the kernel's own program; {@link OpenClGenerator#program} joins the parts of several kernels into
 * one OpenCL program.
 *
 * @param language "OpenCL C" or "GLSL ES 3.10"
 * @param header version, pragmas, workgroup size: the same for every kernel of one generator and
 *     precision
 * @param definitions program-scope definitions of the inlined constants and globals
 * @param functions the lowered helper functions, one definition each
 * @param entry the entry point's definition (signature and body)
 * @param entryPoint the kernel function's name (OpenCL); {@code main} for GLSL
 * @param parameters the buffers to bind, in parameter order (OpenCL argument index, GLSL binding
 *     point): every {@link TensorArg} and every {@link ConstArg} not inlined into the source
 * @param inlined the constants written into the source as literals
 */
public record LoweredKernel(
    String language,
    String header,
    String definitions,
    List<String> functions,
    String entry,
    String entryPoint,
    List<KernelArg> parameters,
    List<ConstArg> inlined) {
  public LoweredKernel {
    functions = List.copyOf(functions);
    parameters = List.copyOf(parameters);
    inlined = List.copyOf(inlined);
  }

  /** The complete program text of this kernel alone. */
  public String source() {
    return header + definitions + String.join("", functions) + entry;
  }
}
