package io.jlite.opencl;

import io.jlite.Delegate;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;

/** Makes {@link OpenClDelegate}s for {@code --backend opencl} and the conformance suite. */
public final class OpenClDelegateProvider implements GpuDelegateProvider {
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

  /** Every setting applies; with profiling, {@link OpenClDelegate#kernelTimes()} reports. */
  @Override
  public Delegate create(GpuSettings settings) {
    return new OpenClDelegate(
        OpenClOptions.defaults()
            .withPrecision(settings.precision())
            .withMemory(settings.memory())
            .withAutotune(settings.autotune())
            .withProfiling(settings.profiling()));
  }
}
