package io.jlite.gles;

import io.jlite.Delegate;
import io.jlite.DelegateProvider;
import io.jlite.GpuUnavailableException;

/** Makes {@link GlesDelegate}s for {@code --backend gles} and the conformance suite. */
public final class GlesDelegateProvider implements DelegateProvider {
  @Override
  public String name() {
    return "gles";
  }

  /** Opens and closes a context on the calling thread: the only sure test of an EGL driver. */
  @Override
  public boolean isAvailable() {
    try {
      new GlesDelegate(GlesOptions.defaults().withoutProgramCache()).close();
      return true;
    } catch (GpuUnavailableException | LinkageError e) {
      return false;
    }
  }

  @Override
  public Delegate create() {
    return new GlesDelegate();
  }
}
