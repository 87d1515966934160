package io.jlite.gles;

import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.PlannedKernel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Which tensors of a partition the GLES delegate keeps in image textures, and at what size: pure
 * logic over the plan and the driver's limits (no GL), so the rule is testable without a device.
 *
 * <p>A tensor's storage is one GL object in every kernel that touches it, so a tensor is either an
 * image everywhere or an SSBO everywhere. It is an image unless
 *
 * <ul>
 *   <li>the host copies it (a partition input or output, or a host-layout buffer of the device
 *       layout conversion): OpenGL ES 3.1 cannot read float textures back portably;
 *   <li>its image (W texels wide, B·S·H high, {@link Size#of}) is empty or has a side beyond {@code
 *       GL_MAX_TEXTURE_SIZE};
 *   <li>the kernels see it through layouts of different image sizes (a RESHAPE alias of another
 *       width: texel coordinates follow each view's width, so the views would disagree);
 *   <li>it is an argument of a kernel that would bind more images than the driver's image units
 *       ({@code min(GL_MAX_COMPUTE_IMAGE_UNITS, GL_MAX_IMAGE_UNITS)}) if every tensor passing the
 *       rules above were an image: then all of that kernel's tensors stay SSBOs. This is decided
 *       for all kernels at once, so the result does not depend on kernel order (it may keep a
 *       tensor an SSBO that a later-decided kernel would no longer have needed to drop).
 * </ul>
 */
final class TextureChoice {
  private TextureChoice() {}

  /**
   * The driver limits the choice respects.
   *
   * @param maxTextureSize the widest and highest texture
   * @param maxImageUnits images one compute shader may bind
   */
  record Limits(int maxTextureSize, int maxImageUnits) {
    /** The limits {@code info} reports. */
    static Limits of(GlesDeviceInfo info) {
      return new Limits(info.maxTextureSize(), info.maxImageUnits());
    }
  }

  /**
   * The texture of a PHWC4 tensor: {@code width} texels a row, {@code height} rows.
   *
   * @param width W
   * @param height B·S·H
   */
  record Size(long width, long height) {
    /** The image of {@code layout} (as {@link io.jlite.gpu.kernel.GlslGenerator} addresses it). */
    static Size of(Phwc4Layout layout) {
      long width = layout.width();
      return new Size(width, width == 0 ? 0 : layout.vec4Count() / width);
    }

    boolean fits(Limits limits) {
      return width > 0 && height > 0 && Math.max(width, height) <= limits.maxTextureSize();
    }
  }

  /** {@link #images(List, IntUnaryOperator, Set, Limits)} of {@code plan}'s kernels. */
  static Map<Integer, Size> images(GpuPlan plan, Limits limits) {
    List<List<TensorArg>> kernels = new ArrayList<>();
    for (PlannedKernel k : plan.kernels()) {
      List<TensorArg> tensors = new ArrayList<>();
      for (KernelArg a : k.source().args()) {
        if (a instanceof TensorArg t) {
          tensors.add(t);
        }
      }
      kernels.add(tensors);
    }
    Set<Integer> host = new HashSet<>();
    for (List<Integer> boundary : List.of(plan.inputs(), plan.outputs())) {
      for (int t : boundary) {
        host.add(plan.storage(plan.hostSide(t)));
      }
    }
    return images(kernels, plan::storage, host, limits);
  }

  /**
   * The storages that are images, each with its texture size, in storage order.
   *
   * @param kernels the tensor arguments of each kernel
   * @param storage a tensor's storage (itself unless it aliases another)
   * @param host the storages the host copies
   */
  static Map<Integer, Size> images(
      List<List<TensorArg>> kernels, IntUnaryOperator storage, Set<Integer> host, Limits limits) {
    Map<Integer, Size> sizes = new HashMap<>();
    Set<Integer> buffers = new HashSet<>(host);
    for (List<TensorArg> kernel : kernels) {
      for (TensorArg t : kernel) {
        int s = storage.applyAsInt(t.tensor());
        Size size = Size.of(t.layout());
        Size before = sizes.putIfAbsent(s, size);
        if (!size.fits(limits) || (before != null && !before.equals(size))) {
          buffers.add(s);
        }
      }
    }
    Set<Integer> overfull = new HashSet<>();
    for (List<TensorArg> kernel : kernels) {
      List<Integer> candidates =
          kernel.stream()
              .map(t -> storage.applyAsInt(t.tensor()))
              .filter(s -> !buffers.contains(s))
              .toList();
      // Each argument is one image uniform, even when two arguments share a storage.
      if (candidates.size() > limits.maxImageUnits()) {
        overfull.addAll(candidates);
      }
    }
    buffers.addAll(overfull);
    Map<Integer, Size> images = new TreeMap<>(sizes);
    images.keySet().removeAll(buffers);
    return images;
  }
}
