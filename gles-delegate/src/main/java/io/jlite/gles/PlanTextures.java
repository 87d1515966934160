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
 * tensors of the same texture size and format whose lifetimes do not overlap share a texture, as
 * the memory strategy assigns them within each such group. Only equal shapes share, so every
 * texture is exactly its tensors' size (a texture of {@code max(width) × max(height)} over
 * different shapes could cost far more than the largest tensor).
 */
final class PlanTextures implements AutoCloseable {
  /** What may share a texture: its size and whether it holds halves. */
  private record Kind(TextureChoice.Size size, boolean half) {}

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
                .computeIfAbsent(new Kind(size, plan.halfStorage(t)), k -> new ArrayList<>())
                .add(t));
    try {
      for (Map.Entry<Kind, List<Integer>> e : kinds.entrySet()) {
        Set<Integer> members = Set.copyOf(e.getValue());
        List<TensorUsage> usages = plan.deviceUsages(members::contains);
        ObjectAssignment assignment = memory.assignObjects(usages);
        assignment.check(usages);
        Kind kind = e.getKey();
        List<GlesTexture> objects = new ArrayList<>();
        for (int o = 0; o < assignment.objectSizes().size(); o++) {
          GlesTexture texture =
              context.allocateTexture(
                  "texture " + textures.size(),
                  Math.toIntExact(kind.size().width()),
                  Math.toIntExact(kind.size().height()),
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
