package io.jlite.gpu;

import io.jlite.Delegate;
import io.jlite.DelegateProvider;

/**
 * A {@link DelegateProvider} of a GPU backend, which also makes delegates with {@link GpuSettings}:
 * the command line sets precision, memory strategy, autotuning and profiling through this without
 * knowing the backend's module.
 */
public interface GpuDelegateProvider extends DelegateProvider {
  /**
   * A new delegate with {@code settings} over the backend's defaults, owned by the caller.
   *
   * @throws IllegalArgumentException when the backend cannot do what {@code settings} ask (e.g.
   *     profiling where it has none)
   * @throws io.jlite.GpuUnavailableException when the backend cannot run here, with the reason
   */
  Delegate create(GpuSettings settings);

  /**
   * This provider with {@code settings} fixed: its {@link DelegateProvider#create()} makes the
   * delegates {@link #create(GpuSettings)} would, so code that takes a plain provider (the
   * conformance engines) gets them too.
   */
  default DelegateProvider with(GpuSettings settings) {
    GpuDelegateProvider base = this;
    return new DelegateProvider() {
      @Override
      public String name() {
        return base.name();
      }

      @Override
      public boolean isAvailable() {
        return base.isAvailable();
      }

      @Override
      public Delegate create() {
        return base.create(settings);
      }
    };
  }
}
