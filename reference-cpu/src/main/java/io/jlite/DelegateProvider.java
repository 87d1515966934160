package io.jlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes the delegates of one backend, found with {@link ServiceLoader}: a backend module (OpenCL,
 * GLES) lists its provider in {@code META-INF/services/io.jlite.DelegateProvider}, and the command
 * line ({@code --backend NAME}) and the conformance suite find it there without knowing the module.
 */
public interface DelegateProvider {
  /** The backend's name as users spell it, e.g. {@code "opencl"}. */
  String name();

  /**
   * Whether this backend can run on this machine now (a device and driver exist). Must not throw;
   * explains nothing: {@link #create()} throws with the reason.
   */
  boolean isAvailable();

  /**
   * A new delegate with default options, owned by the caller.
   *
   * @throws GpuUnavailableException when the backend cannot run here, with the reason
   */
  Delegate create();

  /** Every provider on the class path, in class-path order. */
  static List<DelegateProvider> all() {
    List<DelegateProvider> providers = new ArrayList<>();
    ServiceLoader.load(DelegateProvider.class).forEach(providers::add);
    return providers;
  }

  /** The provider named {@code name}, if one is on the class path. */
  static Optional<DelegateProvider> named(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
