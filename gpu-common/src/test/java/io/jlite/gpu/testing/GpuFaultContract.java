package io.jlite.gpu.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.Delegate;
import io.jlite.Interpreter;
import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.GpuFaultException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Exp;
import io.jlite.ops.Mul;
import io.jlite.ops.Tanh;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every GPU backend must do when its driver fails, written once: each backend's test extends
 * this and says how to open its delegate with a {@link FaultPlan} attached. The graph has two GPU
 * partitions ({@code ADD, TANH} and {@code MUL}) around a CPU op ({@code EXP}, no GPU template),
 * and the expected values come from the reference interpreter.
 */
public abstract class GpuFaultContract {
  /** Interpreters the soak creates ({@code -Djlite.gpu.soak.iterations=1000} for more). */
  private static final int SOAK_ITERATIONS = Integer.getInteger("jlite.gpu.soak.iterations", 100);

  /** Opens the backend's delegate (or skips the test without a device) with {@code faults}. */
  protected abstract Delegate open(boolean fallbackToCpu, FaultPlan faults);

  /** Device buffers {@code delegate} holds now. */
  protected abstract int liveBuffers(Delegate delegate);

  /** Device buffers, programs and kernels {@code delegate} holds now. */
  protected abstract int liveObjects(Delegate delegate);

  /** The run-time fault that switched {@code delegate} to the CPU. */
  protected abstract Optional<GpuFaultException> runFault(Delegate delegate);

  /** Contexts (OpenCL contexts, EGL contexts) the backend has open in this process now. */
  protected abstract int openContexts();

  /** The name of the delegate's logger. */
  protected abstract String loggerName();

  /** The driver's out-of-memory error code, e.g. {@code CL_MEM_OBJECT_ALLOCATION_FAILURE}. */
  protected abstract int outOfMemory();

  /** The error a driver reports after losing its device, e.g. {@code GL_CONTEXT_LOST}. */
  protected abstract int deviceLost();

  /** The driver's name of an error code, as it appears in messages. */
  protected abstract String errorName(int code);

  /** input → ADD const → TANH → EXP (CPU) → MUL const. */
  protected static Graph twoPartitions() {
    GraphBuilder g = new GraphBuilder(42);
    int x = g.input(1, 4, 4, 4);
    x = g.op("ADD", new Add(Activation.NONE), x, g.constant(1f, 1, 4, 4, 4));
    x = g.op("TANH", new Tanh(), x);
    x = g.op("EXP", new Exp(), x);
    g.op("MUL", new Mul(Activation.NONE), x, g.constant(1f, 1, 4, 4, 4));
    return g.build();
  }

  private final Graph graph = twoPartitions();
  private final List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 3);
  private final float[] expected =
      ReferenceComparison.referenceOutputs(graph, inputs).get(0).floats();

  private void assertRunsCorrectly(Interpreter interpreter) {
    assertArrayEquals(expected, interpreter.runRaw(inputs).get(0).floats(), 1e-5f);
  }

  private Interpreter interpreter(Delegate delegate) {
    return new Interpreter(graph, new Interpreter.Options().addDelegate(delegate));
  }

  @Test
  void aFailedRunThrowsATypedFaultAndTheNextRunWorksOnTheGpu() {
    FaultPlan faults = new FaultPlan();
    try (Delegate gpu = open(false, faults)) {
      try (Interpreter interpreter = interpreter(gpu)) {
        assertEquals(2, interpreter.delegatePartitionCount());
        assertRunsCorrectly(interpreter);
        faults.once(DriverCall.ENQUEUE, deviceLost());
        GpuFaultException e =
            assertThrows(GpuFaultException.class, () -> interpreter.runRaw(inputs));
        assertEquals(List.of(0, 1), e.ops(), e.getMessage());
        assertTrue(e.getMessage().contains(errorName(deviceLost())), e.getMessage());
        assertTrue(e.getMessage().contains("ops [0, 1]"), e.getMessage());
        // The partition is as it was: the fault was transient, so the GPU runs again.
        assertRunsCorrectly(interpreter);
        assertEquals(Optional.empty(), runFault(gpu));
      }
      assertEquals(0, liveBuffers(gpu));
    }
  }

  @Test
  void withFallbackAFailedRunFinishesOnTheCpuWithOneWarning() {
    FaultPlan faults = new FaultPlan();
    try (CapturedWarnings warnings = CapturedWarnings.of(loggerName());
        Delegate gpu = open(true, faults);
        Interpreter interpreter = interpreter(gpu)) {
      assertRunsCorrectly(interpreter);
      faults.always(DriverCall.READ, deviceLost());
      assertRunsCorrectly(interpreter);
      assertEquals(1, faults.injected(), "the CPU took over after the first failed read");
      // Both partitions gave back their device memory: the device is not trusted again.
      assertEquals(0, liveBuffers(gpu));
      for (int i = 0; i < 3; i++) {
        assertRunsCorrectly(interpreter);
      }
      assertEquals(1, warnings.messages().size(), warnings.messages().toString());
      assertTrue(warnings.messages().get(0).contains(errorName(deviceLost())));
      assertEquals(List.of(0, 1), runFault(gpu).orElseThrow().ops());
      try (Interpreter next = interpreter(gpu)) {
        assertEquals(0, next.delegatePartitionCount(), "the delegate claims nothing any more");
        assertRunsCorrectly(next);
      }
    }
  }

  @Test
  void withFallbackAnOutOfMemoryUploadFinishesOnTheCpu() {
    FaultPlan faults = new FaultPlan();
    try (CapturedWarnings warnings = CapturedWarnings.of(loggerName());
        Delegate gpu = open(true, faults);
        Interpreter interpreter = interpreter(gpu)) {
      faults.once(DriverCall.WRITE, outOfMemory());
      assertRunsCorrectly(interpreter);
      assertRunsCorrectly(interpreter);
      assertEquals(1, warnings.messages().size(), warnings.messages().toString());
      assertTrue(warnings.messages().get(0).contains(errorName(outOfMemory())));
    }
  }

  @Test
  void aFailedPreparationReleasesThePartitionsPreparedBeforeIt() {
    FaultPlan faults = new FaultPlan();
    try (Delegate gpu = open(false, faults)) {
      interpreter(gpu).close();
      int allocations = faults.calls(DriverCall.ALLOCATE);
      // The last allocation belongs to the second partition; the first is prepared by then.
      faults.arm(DriverCall.ALLOCATE, outOfMemory(), allocations - 1, 1);
      GpuFaultException e = assertThrows(GpuFaultException.class, () -> interpreter(gpu));
      assertEquals(1, faults.injected());
      assertEquals(List.of(3), e.ops(), e.getMessage());
      assertTrue(e.getMessage().contains(errorName(outOfMemory())), e.getMessage());
      assertEquals(0, liveBuffers(gpu), "the first partition's buffers were released");
      try (Interpreter again = interpreter(gpu)) {
        assertRunsCorrectly(again);
      }
    }
  }

  @Test
  void withFallbackAKernelTheDriverWillNotBuildRunsOnTheCpu() {
    FaultPlan faults = new FaultPlan().always(DriverCall.BUILD, outOfMemory());
    try (CapturedWarnings warnings = CapturedWarnings.of(loggerName());
        Delegate gpu = open(true, faults);
        Interpreter interpreter = interpreter(gpu)) {
      assertRunsCorrectly(interpreter);
      assertEquals(2, warnings.messages().size(), "one per partition: " + warnings.messages());
      assertEquals(0, liveBuffers(gpu));
    }
  }

  @Test
  void soakCreatesRunsAndClosesInterpretersWithoutLeaks() {
    int contexts = openContexts();
    Delegate gpu = null;
    try {
      int objectsAfterClose = -1;
      for (int i = 0; i < SOAK_ITERATIONS; i++) {
        if (i % 10 == 0) {
          // A new delegate every 10 interpreters: contexts must be released too.
          if (gpu != null) {
            gpu.close();
          }
          assertEquals(contexts, openContexts(), "contexts open before delegate " + i / 10);
          gpu = open(false, new FaultPlan());
          objectsAfterClose = -1;
        }
        try (Interpreter interpreter = interpreter(gpu)) {
          assertRunsCorrectly(interpreter);
        }
        assertEquals(0, liveBuffers(gpu), "buffers after interpreter " + i);
        if (objectsAfterClose < 0) {
          objectsAfterClose = liveObjects(gpu); // the programs the delegate keeps for reuse
        }
        assertEquals(objectsAfterClose, liveObjects(gpu), "objects after interpreter " + i);
      }
    } finally {
      if (gpu != null) {
        gpu.close();
      }
    }
    assertEquals(contexts, openContexts());
  }
}
