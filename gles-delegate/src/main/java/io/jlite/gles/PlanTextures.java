package io.jlite.gles;

import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.memory.ObjectAssignment;
import io.jlite.gpu.memory.TensorUsage;
import io.jlite.gpu.plan.GpuPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The textures of one partition's image tensors ({@link TextureChoice}), shared like its SSBOs:
 * tensors of the same texture width and format whose lifetimes do not overlap share a texture, as
 * the memory strategy assigns them within each such group, and a shared texture is as high as its
 * highest tensor (kernels address texels {@code (i % W, i / W)}, so a taller texture of the same
 * width serves). With one width a texture's bytes are proportional to its height, so within a group
 * this costs exactly what the strategy's shared objects do; tensors of different widths never share
 * (a {@code max(width) × max(height)} texture could cost far more than its largest tensor).
 */
final class PlanTextures implements AutoCloseable {
  /** What may share a texture: its width and whether it holds halves. */
  private record Kind(long width, boolean half) {
    long rowBytes() {
      return GlesTexture.rowBytes(width, half);
    }
  }

  private final Map<Integer, GlesTexture> byTensor = new HashMap<>();
  private final List<GlesTexture> textures = new ArrayList<>();

  /**
   * Allocates every texture now; on failure releases what it allocated and rethrows.
   *
   * @param images the storages to keep in textures, with their sizes
   */
  PlanTextures(
      GlesContext context,
      GpuPlan plan,
      Map<Integer, TextureChoice.Size> images,
      MemoryStrategy memory) {
    Map<Kind, List<Integer>> kinds = new LinkedHashMap<>();
    images.forEach(
        (t, size) ->
            kinds
                .computeIfAbsent(
                    new Kind(size.width(), plan.halfStorage(t)), k -> new ArrayList<>())
                .add(t));
    try {
      for (Map.Entry<Kind, List<Integer>> e : kinds.entrySet()) {
        Set<Integer> members = Set.copyOf(e.getValue());
        // Sized by the textures' own bytes (the plan's are PHWC4 bytes: the same at one width).
        Kind kind = e.getKey();
        List<TensorUsage> usages =
            plan.deviceUsages(members::contains).stream()
                .map(
                    u ->
                        new TensorUsage(
                            u.id(),
                            u.tensor(),
                            images.get(u.tensor()).height() * kind.rowBytes(),
                            u.first(),
                            u.last()))
                .toList();
        ObjectAssignment assignment = memory.assignObjects(usages);
        assignment.check(usages);
        List<GlesTexture> objects = new ArrayList<>();
        for (int o = 0; o < assignment.objectSizes().size(); o++) {
          GlesTexture texture =
              context.allocateTexture(
                  "texture " + textures.size(),
                  Math.toIntExact(kind.width()),
                  Math.toIntExact(assignment.objectSizes().get(o) / kind.rowBytes()),
                  kind.half());
          objects.add(texture);
          textures.add(texture);
        }
        for (TensorUsage u : usages) {
          byTensor.put(u.tensor(), objects.get(assignment.objectOf().get(u.id())));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The texture holding storage {@code tensor}. */
  GlesTexture of(int tensor) {
    GlesTexture texture = byTensor.get(tensor);
    if (texture == null) {
      throw new IllegalArgumentException("tensor " + tensor + " has no texture");
    }
    return texture;
  }

  /** Device bytes of the textures. */
  long bytes() {
    return textures.stream().mapToLong(GlesTexture::bytes).sum();
  }

  /** Textures allocated. */
  int count() {
    return textures.size();
  }

  /** Deletes every texture; closing twice is harmless. */
  @Override
  public void close() {
    textures.forEach(GlesTexture::close);
    textures.clear();
    byTensor.clear();
  }
}
