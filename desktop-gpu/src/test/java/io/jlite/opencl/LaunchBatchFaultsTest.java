package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.Interpreter;
import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.gpu.testing.FaultPlan;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import java.util.List;
import org.jocl.CL;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A launch that fails while later launches wait behind a batch's user event ({@link
 * OpenClOptions#launchBatch}): the run throws the typed fault instead of leaving the queue waiting
 * forever, the held launches are let go, and the next run gives the right answer on the GPU.
 */
class LaunchBatchFaultsTest {
  // The failure this test looks for is a hang (a held batch never let go): a run takes well under a
  // second on PoCL, so the limit only turns a hang into a failure, it measures no speed.
  @Timeout(120)
  @ParameterizedTest
  @ValueSource(ints = {1, 4, 8, 10, 25})
  void aLaunchFailingInsideABatchThrowsAndTheNextRunWorks(int failingLaunch) {
    TestDevices.requireDevice();
    // 33 kernels in one partition: with batches of 4, launches 4, 8, ... wait behind user events.
    Graph graph =
        ModelLoader.standard().load(ModelCatalog.standard().path("face_detection_short_range"));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 7);
    FaultPlan faults = new FaultPlan();
    try (OpenClDelegate gpu =
        new OpenClDelegate(OpenClOptions.defaults().withoutProgramCache().withLaunchBatch(4))) {
      gpu.injectFaults(faults);
      try (Interpreter interpreter =
          new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
        float[] expected = interpreter.runRaw(inputs).get(0).floats();
        faults.arm(DriverCall.ENQUEUE, CL.CL_OUT_OF_RESOURCES, failingLaunch, 1);
        assertThrows(GpuFaultException.class, () -> interpreter.runRaw(inputs));
        assertEquals(1, faults.injected());
        assertArrayEquals(expected, interpreter.runRaw(inputs).get(0).floats());
      }
      assertEquals(0, gpu.liveDeviceBuffers(), "buffers leaked");
    }
  }
}
