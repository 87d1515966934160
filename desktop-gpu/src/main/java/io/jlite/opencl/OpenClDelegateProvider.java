package io.jlite.opencl;

import io.jlite.Delegate;
import io.jlite.DelegateProvider;

/** Makes {@link OpenClDelegate}s for {@code --backend opencl} and the conformance suite. */
public final class OpenClDelegateProvider implements DelegateProvider {
  @Override
  public String name() {
    return "opencl";
  }

  @Override
  public boolean isAvailable() {
    return OpenClDevices.anyAvailable();
  }

  @Override
  public Delegate create() {
    return new OpenClDelegate();
  }
}
