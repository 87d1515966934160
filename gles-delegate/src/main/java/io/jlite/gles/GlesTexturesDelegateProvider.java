package io.jlite.gles;

import io.jlite.Delegate;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;

/**
 * Makes {@link GlesDelegate}s that keep device tensors in image textures ({@link
 * GlesOptions#withTextures}), as the backend {@code gles-textures}: the conformance suite tests
 * them next to {@code gles}, and {@code jlite run --backend gles --gles-textures} picks it.
 */
public final class GlesTexturesDelegateProvider implements GpuDelegateProvider {
  /** The backend's name. */
  public static final String NAME = "gles-textures";

  private final GlesDelegateProvider gles = new GlesDelegateProvider();

  @Override
  public String name() {
    return NAME;
  }

  /** Whether {@code gles} is: textures need nothing more than OpenGL ES 3.1. */
  @Override
  public boolean isAvailable() {
    return gles.isAvailable();
  }

  @Override
  public Delegate create() {
    return new GlesDelegate(GlesOptions.defaults().withTextures(true));
  }

  /**
   * As {@code gles} makes them ({@link GlesDelegateProvider#create(GpuSettings)}), with textures.
   */
  @Override
  public Delegate create(GpuSettings settings) {
    return new GlesDelegate(GlesDelegateProvider.options(settings).withTextures(true));
  }
}
