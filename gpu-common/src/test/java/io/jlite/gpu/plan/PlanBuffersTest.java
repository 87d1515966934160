package io.jlite.gpu.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.ConstArg;
import io.jlite.gpu.kernel.KernelArg;
import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanBuffersTest {
  /** A buffer in host memory that records how often it was closed, and its per-run downloads. */
  static final class HostBuffer implements DeviceBuffer {
    final String label;
    final float[] data;
    final List<String> calls;
    int closed;

    HostBuffer(String label, long bytes, List<String> calls) {
      this.label = label;
      this.data = new float[(int) (bytes / Float.BYTES)];
      this.calls = calls;
    }

    @Override
    public void startDownload(int floats) {
      calls.add("start " + label);
    }

    @Override
    public void startEarlyDownload(int floats) {
      calls.add("early " + label);
    }

    @Override
    public void download(float[] d) {
      calls.add("download " + label);
      read(d);
    }

    @Override
    public void write(float[] d) {
      System.arraycopy(d, 0, data, 0, d.length);
    }

    @Override
    public void read(float[] d) {
      System.arraycopy(data, 0, d, 0, d.length);
    }

    @Override
    public void close() {
      closed++;
    }
  }

  /** The backend's side, in host memory, keeping every buffer it made. */
  static final class HostDevice implements PlanBuffers.Device<HostBuffer> {
    final List<HostBuffer> made = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public HostBuffer allocate(String label, long bytes) {
      HostBuffer b = new HostBuffer(label, bytes, calls);
      made.add(b);
      return b;
    }
  }

  @Test
  void tensorsAndLargeConstantsGetBuffersAndTheHostSideConvertsLayouts() {
    GraphBuilder g = new GraphBuilder(3);
    int a = g.input(1, 2, 5, 6);
    // 60 floats in BHWC, 80 in PHWC4: more than the generator inlines, so a buffer parameter.
    int c = g.constant(1f, 1, 2, 5, 6);
    int sum = g.op("ADD", new Add(Activation.NONE), a, c);
    Graph graph = g.build(sum);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED);
    HostDevice device = new HostDevice();
    try (PlanBuffers<HostBuffer> buffers = new PlanBuffers<>(plan, device)) {
      assertEquals(2, device.made.size(), "the input's and the output's buffer");
      for (KernelArg p :
          new io.jlite.gpu.kernel.GlslGenerator()
              .lower(plan.kernels().get(0).source(), plan.kernels().get(0).workgroup())
              .parameters()) {
        HostBuffer b = buffers.of(p);
        if (p instanceof ConstArg constant) {
          assertArrayEquals(constant.toArray(), b.data, "a constant is filled once, here");
        } else {
          assertTrue(device.made.indexOf(b) < 2, ((TensorArg) p).name() + " reuses its buffer");
        }
      }
      assertEquals(3, device.made.size(), "one more buffer: the constant");

      float[] input = new float[60];
      for (int i = 0; i < input.length; i++) {
        input[i] = i;
      }
      NdArray[] values = new NdArray[graph.tensors().size()];
      values[a] = NdArray.of(Shape.of(1, 2, 5, 6), input);
      buffers.upload(values);
      HostBuffer in = device.made.get(0);
      assertArrayEquals(plan.layout(a).fromBhwc(input), in.data);

      // Pretend the kernel wrote the output: the download must undo PHWC4.
      HostBuffer out = device.made.get(1);
      System.arraycopy(in.data, 0, out.data, 0, in.data.length);
      buffers.download(values);
      assertArrayEquals(input, values[sum].floats());
      assertEquals(Shape.of(1, 2, 5, 6), values[sum].shape());
    }
    for (HostBuffer b : device.made) {
      assertEquals(1, b.closed, b.label + " closed exactly once");
    }
  }

  @Test
  void sharedObjectsReuseBuffersOnlyBetweenDisjointLifetimes() {
    GraphBuilder g = new GraphBuilder(3);
    int t = g.input(1, 2, 5, 6);
    for (int i = 0; i < 4; i++) {
      t = g.op("RELU", new io.jlite.ops.Relu(), t);
    }
    Graph graph = g.build(t);
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED);
    assertEquals(4, plan.kernels().size());
    HostDevice device = new HostDevice();
    try (PlanBuffers<HostBuffer> buffers =
        new PlanBuffers<>(
            plan, device, java.util.Optional.of(new io.jlite.gpu.memory.GreedyInOrderStrategy()))) {
      // Five tensors in a chain, at most two alive at once (a kernel's input and output).
      assertEquals(2, device.made.size(), "two shared objects for the chain");
      // Each object holds one [1, 2, 5, 6] tensor: 2 slices x 2 x 5 positions x 4 lanes.
      assertEquals(2L * (2 * 2 * 5 * 4 * Float.BYTES), buffers.tensorBytes());
      for (PlannedKernel k : plan.kernels()) {
        List<KernelArg> params =
            new io.jlite.gpu.kernel.OpenClGenerator().lower(k.source(), k.workgroup()).parameters();
        assertEquals(2, params.size());
        assertTrue(buffers.of(params.get(0)) != buffers.of(params.get(1)), k.source().name());
      }
    }
    for (HostBuffer b : device.made) {
      assertEquals(1, b.closed, b.label + " closed exactly once");
    }
  }

  /** A chain of two RELUs whose outputs are both partition outputs, planned unfused. */
  record TwoOutputs(Graph graph, GpuPlan plan, int first, int second) {
    static TwoOutputs planned() {
      GraphBuilder g = new GraphBuilder(3);
      int a = g.input(1, 2, 2, 3);
      int r1 = g.op("RELU", new io.jlite.ops.Relu(), a);
      int r2 = g.op("RELU", new io.jlite.ops.Relu(), r1);
      Graph graph = g.build(r1, r2);
      return new TwoOutputs(
          graph, GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED), r1, r2);
    }
  }

  @Test
  void everyOutputsDownloadStartsBeforeTheFirstIsTaken() {
    TwoOutputs chain = TwoOutputs.planned();
    Graph graph = chain.graph();
    GpuPlan plan = chain.plan();
    int r1 = chain.first();
    int r2 = chain.second();
    HostDevice device = new HostDevice();
    try (PlanBuffers<HostBuffer> buffers = new PlanBuffers<>(plan, device)) {
      NdArray[] values = new NdArray[graph.tensors().size()];
      buffers.download(values);
      String first = "start " + plan.label(plan.hostSide(r1));
      String second = "start " + plan.label(plan.hostSide(r2));
      assertEquals(
          List.of(
              first,
              second,
              first.replace("start", "download"),
              second.replace("start", "download")),
          device.calls);
      assertEquals(Shape.of(1, 2, 2, 3), values[r2].shape());
    }
  }

  @Test
  void earlyDownloadsAreTakenFirstInTheOrderTheyStartedAndStartOnce() {
    TwoOutputs chain = TwoOutputs.planned();
    Graph graph = chain.graph();
    GpuPlan plan = chain.plan();
    int r1 = chain.first();
    int r2 = chain.second();
    HostDevice device = new HostDevice();
    try (PlanBuffers<HostBuffer> buffers = new PlanBuffers<>(plan, device)) {
      String one = plan.label(plan.hostSide(r1));
      String two = plan.label(plan.hostSide(r2));
      NdArray[] values = new NdArray[graph.tensors().size()];
      buffers.startEarlyDownload(r2);
      buffers.startEarlyDownload(r2);
      buffers.download(values);
      assertEquals(
          List.of("early " + two, "start " + one, "download " + two, "download " + one),
          device.calls);
      // The next run starts afresh.
      device.calls.clear();
      buffers.download(values);
      assertEquals(
          List.of("start " + one, "start " + two, "download " + one, "download " + two),
          device.calls);
    }
  }
}
