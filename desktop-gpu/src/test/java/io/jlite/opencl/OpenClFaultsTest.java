package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Delegate;
import io.jlite.GpuUnavailableException;
import io.jlite.Interpreter;
import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.testing.CapturedWarnings;
import io.jlite.gpu.testing.FaultPlan;
import io.jlite.gpu.testing.GpuFaultContract;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import java.util.List;
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

  @Test
  void stagingMemoryIsMadeOnceAndReleasedWithItsBuffers() {
    Graph graph = twoPartitions();
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 3);
    try (Delegate gpu = open(false, new FaultPlan())) {
      Interpreter.Options options = new Interpreter.Options().addDelegate(gpu);
      int prepared;
      try (Interpreter first = new Interpreter(graph, options)) {
        assertEquals(2, first.delegatePartitionCount());
        prepared = liveObjects(gpu);
      }
      int neverRun = liveObjects(gpu);
      try (Interpreter interpreter = new Interpreter(graph, options)) {
        assertEquals(prepared, liveObjects(gpu));
        interpreter.runRaw(inputs);
        interpreter.runRaw(inputs);
        assertEquals(prepared + 2, liveObjects(gpu), "one staging memory per partition output");
      }
      assertEquals(neverRun, liveObjects(gpu), "released with the partitions' buffers");
      assertEquals(0, liveBuffers(gpu));
    }
  }

  @Test
  void withFallbackStagingMemoryTheDriverCannotGiveFinishesOnTheCpu() {
    Graph graph = twoPartitions();
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 3);
    float[] expected = ReferenceComparison.referenceOutputs(graph, inputs).get(0).floats();
    FaultPlan faults = new FaultPlan();
    try (CapturedWarnings warnings = CapturedWarnings.of(loggerName());
        Delegate gpu = open(true, faults);
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      // Everything but the pinned memory of the outputs is allocated when the model is prepared:
      // the first run's first allocation is that staging memory.
      faults.once(DriverCall.ALLOCATE, outOfMemory());
      assertArrayEquals(expected, interpreter.runRaw(inputs).get(0).floats(), 1e-5f);
      assertEquals(1, faults.injected());
      assertEquals(1, warnings.messages().size(), warnings.messages().toString());
      assertTrue(warnings.messages().get(0).contains("host staging"), warnings.messages().get(0));
      assertEquals(0, liveBuffers(gpu), "the device is not trusted again");
      assertArrayEquals(expected, interpreter.runRaw(inputs).get(0).floats(), 1e-5f);
    }
  }
}
