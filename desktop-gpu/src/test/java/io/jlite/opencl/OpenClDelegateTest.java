package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DelegateProvider;
import io.jlite.GpuUnavailableException;
import io.jlite.Interpreter;
import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.memory.NaiveStrategy;
import io.jlite.gpu.testing.ReferenceComparison;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenClDelegateTest {
  private static final OpenClOptions NO_SUCH_DEVICE =
      OpenClOptions.defaults().withoutProgramCache().withDevice("no-such-device-xyz");

  @Test
  void withoutFallbackAMissingDeviceIsAGpuUnavailableException() {
    TestDevices.requireDevice();
    GpuUnavailableException e =
        assertThrows(GpuUnavailableException.class, () -> new OpenClDelegate(NO_SUCH_DEVICE));
    assertTrue(e.getMessage().contains("no-such-device-xyz"), e.getMessage());
  }

  @Test
  void withFallbackAMissingDeviceRunsTheModelOnTheCpu() {
    Graph graph =
        ModelLoader.standard().load(ModelCatalog.standard().path("face_detection_short_range"));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 7);
    List<NdArray> expected = ReferenceComparison.referenceOutputs(graph, inputs);
    try (OpenClDelegate gpu = new OpenClDelegate(NO_SUCH_DEVICE.withFallbackToCpu(true));
        Interpreter interpreter =
            new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
      assertTrue(gpu.device().isEmpty());
      assertEquals(0, interpreter.delegatePartitionCount());
      List<NdArray> actual = interpreter.runRaw(inputs);
      for (int i = 0; i < expected.size(); i++) {
        ReferenceComparison.assertMatchesReference(
            "face_detection_short_range", i, expected.get(i), actual.get(i));
      }
    }
  }

  @Test
  void theProviderIsFoundByName() {
    DelegateProvider provider = DelegateProvider.named("opencl").orElseThrow();
    assertEquals("opencl", provider.name());
    assertEquals(OpenClDevices.anyAvailable(), provider.isAvailable());
  }

  /** Face detection's outputs on one delegate made with {@code options}, and its live buffers. */
  private record FaceRun(List<NdArray> outputs, int buffers) {
    static FaceRun of(OpenClOptions options) {
      Graph graph =
          ModelLoader.standard().load(ModelCatalog.standard().path("face_detection_short_range"));
      try (OpenClDelegate gpu = new OpenClDelegate(options);
          Interpreter interpreter =
              new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
        List<NdArray> outputs = interpreter.runRaw(ReferenceComparison.seededInputs(graph, 7));
        return new FaceRun(outputs, gpu.liveDeviceBuffers());
      }
    }

    /** Bit for bit the same outputs as {@code other}'s. */
    void assertSameOutputs(FaceRun other) {
      for (int i = 0; i < outputs.size(); i++) {
        assertArrayEquals(other.outputs.get(i).floats(), outputs.get(i).floats(), "output " + i);
      }
    }
  }

  @Test
  void packedConstantsUseFewerBuffersAndGiveExactlyTheResultsOfUnpackedOnes() {
    TestDevices.requireDevice();
    OpenClOptions options = OpenClOptions.defaults().withoutProgramCache();
    FaceRun packed = FaceRun.of(options);
    FaceRun unpacked = FaceRun.of(options.withPackedConstants(false));
    // Unpacked, every weight and bias is a buffer; packed, one per kernel: face's kernels with
    // two or more constant buffers (conv weights + bias, depthwise + 1x1 pairs) hold 18 more.
    assertTrue(
        unpacked.buffers() - packed.buffers() >= 10,
        "packed " + packed.buffers() + ", unpacked " + unpacked.buffers());
    // The same arithmetic in the same order: only where the constants are read from differs.
    packed.assertSameOutputs(unpacked);
  }

  @Test
  void sharedObjectsUseFewerBuffersAndGiveTheSameResultsAsOneBufferPerTensor() {
    TestDevices.requireDevice();
    OpenClOptions naive =
        OpenClOptions.defaults().withoutProgramCache().withMemory(new NaiveStrategy());
    FaceRun perTensor = FaceRun.of(naive);
    FaceRun shared = FaceRun.of(naive.withMemory(MemoryStrategy.deviceDefault()));
    // Both counts include the same constant buffers; the model's 30-odd intermediate tensors (33
    // kernels) fit in far fewer shared objects.
    assertTrue(
        perTensor.buffers() - shared.buffers() >= 25,
        "shared objects: " + shared.buffers() + " buffers, one per tensor: " + perTensor.buffers());
    // Same kernels on other buffers: bit for bit the same.
    shared.assertSameOutputs(perTensor);
  }

  @Test
  void deviceSpansTimeEachRunFromItsFirstKernelToItsLastWithoutPerKernelWaits() {
    TestDevices.requireDevice();
    // Two 3x3 convolutions (two kernels: a padded conv takes no conv into its epilogue), then ADD.
    io.jlite.gpu.testing.GraphBuilder g = new io.jlite.gpu.testing.GraphBuilder(5);
    int x = g.input(1, 12, 12, 8);
    io.jlite.ops.Conv2D conv =
        new io.jlite.ops.Conv2D(
            io.jlite.ops.Padding.SAME, 1, 1, 1, 1, io.jlite.ops.Activation.RELU);
    int c1 = g.op("CONV_2D", conv, x, g.constant(0.2f, 8, 3, 3, 8), g.constant(0.1f, 8));
    int c2 = g.op("CONV_2D", conv, c1, g.constant(0.2f, 8, 3, 3, 8), g.constant(0.1f, 8));
    Graph graph = g.build(g.op("ADD", new io.jlite.ops.Add(io.jlite.ops.Activation.NONE), c2, x));
    List<NdArray> inputs = ReferenceComparison.seededInputs(graph, 3);
    OpenClOptions plain = OpenClOptions.defaults().withoutProgramCache();
    List<List<NdArray>> outputs = new ArrayList<>();
    for (OpenClOptions options : List.of(plain, plain.withDeviceSpans(true))) {
      try (OpenClDelegate gpu = new OpenClDelegate(options);
          Interpreter interpreter =
              new Interpreter(graph, new Interpreter.Options().addDelegate(gpu))) {
        outputs.add(interpreter.runRaw(inputs));
        RunStats before = gpu.runStats();
        for (int i = 0; i < 3; i++) {
          interpreter.runRaw(inputs);
        }
        RunStats s = gpu.runStats().since(before);
        assertTrue(s.kernelLaunches() >= 6, "two or more kernels per run: " + s);
        assertTrue(gpu.kernelTimes().isEmpty(), "no per-kernel profiling");
        if (options.deviceSpans()) {
          // The kernels run after their launch and before the outputs are read back.
          assertTrue(s.deviceSpanNanos() > 0, "a span per run: " + s);
          assertTrue(
              s.deviceSpanNanos() <= s.enqueueNanos() + s.waitAndDownloadNanos(),
              "the span lies between the first launch and the last read: " + s);
        } else {
          assertEquals(0, s.deviceSpanNanos(), "no span without the option");
        }
      }
    }
    for (int i = 0; i < outputs.get(0).size(); i++) {
      assertArrayEquals(
          outputs.get(0).get(i).floats(), outputs.get(1).get(i).floats(), "output " + i);
    }
  }
}
