package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.testing.FaultPlan;
import io.jlite.gpu.testing.GpuFaultContract;
import java.util.Optional;
import org.jocl.CL;
import org.junit.jupiter.api.Test;

/**
 * OpenCL under driver faults: the shared contract with faults injected through {@link
 * OpenClRuntime#injectFaults}, and a real fault of the PoCL (or any) driver.
 */
class OpenClFaultsTest extends GpuFaultContract {
  @Override
  protected Delegate open(boolean fallbackToCpu, FaultPlan faults) {
    TestDevices.requireDevice();
    OpenClDelegate delegate =
        new OpenClDelegate(
            OpenClOptions.defaults().withoutProgramCache().withFallbackToCpu(fallbackToCpu));
    delegate.injectFaults(faults);
    return delegate;
  }

  @Override
  protected int liveBuffers(Delegate delegate) {
    return ((OpenClDelegate) delegate).liveDeviceBuffers();
  }

  @Override
  protected int liveObjects(Delegate delegate) {
    return ((OpenClDelegate) delegate).liveDeviceObjects();
  }

  @Override
  protected Optional<GpuFaultException> runFault(Delegate delegate) {
    return ((OpenClDelegate) delegate).runFault();
  }

  @Override
  protected int openContexts() {
    return OpenClRuntime.openRuntimes();
  }

  @Override
  protected String loggerName() {
    return OpenClDelegate.class.getName();
  }

  @Override
  protected int outOfMemory() {
    return CL.CL_MEM_OBJECT_ALLOCATION_FAILURE;
  }

  /** What NVIDIA's driver returns for every call after the GPU faulted (an Xid error). */
  @Override
  protected int deviceLost() {
    return CL.CL_OUT_OF_RESOURCES;
  }

  @Override
  protected String errorName(int code) {
    return CL.stringFor_errorCode(code);
  }

  @Test
  void aLaunchTheRealDriverRefusesIsTypedAndTheQueueKeepsWorking() {
    try (OpenClRuntime runtime = TestDevices.open(Optional.empty());
        ClBuffer x = runtime.allocate("x", 4 * 64);
        ClBuffer y = runtime.allocate("y", 4 * 64);
        ClKernel kernel = runtime.program(OpenClRuntimeTest.AXPB, "").kernel("axpb")) {
      kernel.arg(0, x).arg(1, y).arg(2, 2f).arg(3, 1f).arg(4, 64);
      long tooLarge = kernel.maxWorkGroupSize() * 2;
      GpuUnavailableException e =
          assertThrows(
              GpuUnavailableException.class,
              () -> kernel.enqueue(new long[] {tooLarge}, new long[] {tooLarge}));
      assertTrue(e.getMessage().contains("axpb"), e.getMessage());
      assertTrue(e.getMessage().contains("CL_INVALID_WORK_GROUP_SIZE"), e.getMessage());
      float[] input = new float[64];
      float[] expected = new float[64];
      for (int i = 0; i < 64; i++) {
        input[i] = i;
        expected[i] = 2 * i + 1;
      }
      x.write(input);
      kernel.enqueue(new long[] {64}, new long[] {16});
      float[] output = new float[64];
      y.read(output);
      assertArrayEquals(expected, output);
    }
  }
}
