package io.jlite.gpu.fusion;

import io.jlite.gpu.kernel.CodeGenerator;
import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.KernelSource;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.templates.Templates;
import io.jlite.ir.Graph;
import io.jlite.ir.Node;

/**
 * How many buffers a kernel binds: its tensors and the constants a generator with the default
 * inline limit does not write into the source. OpenGL ES 3.1 guarantees only 4 storage buffers per
 * compute shader ({@code GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS}); the GLES delegate neither claims
 * an op nor fuses past its driver's limit, so no shader it builds needs more.
 */
public final class KernelBuffers {
  /** No limit (OpenCL has none that these kernels reach). */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private KernelBuffers() {}

  /** The buffers {@code kernel} binds. */
  public static int of(KernelSource kernel) {
    int buffers = 0;
    for (KernelArg a : kernel.args()) {
      if (a instanceof TensorArg
          || (a instanceof ConstArg c
              && !CodeGenerator.inlinable(c, CodeGenerator.DEFAULT_INLINE_LIMIT))) {
        buffers++;
      }
    }
    return buffers;
  }

  /** The buffers the kernel of {@code node} (a node the GPU supports, fused or not) binds. */
  public static int of(Graph graph, Node node) {
    return of(Templates.generate(graph, node, "buffer_count"));
  }

  /**
   * Whether the kernel of {@code node} binds at most {@code max} buffers. A template binds at most
   * one buffer per input and output of its node, plus a bias it supplies when the op has none; only
   * when that bound exceeds {@code max} is the kernel generated and counted (generating packs the
   * weights, which added 0.1–0.3 s to pose_landmark_heavy's start for nothing on drivers with more
   * than a handful of storage buffers).
   */
  public static boolean fit(Graph graph, Node node, int max) {
    long bound = (long) node.inputs().size() + node.outputs().size() + 1;
    return bound <= max || of(graph, node) <= max;
  }
}
