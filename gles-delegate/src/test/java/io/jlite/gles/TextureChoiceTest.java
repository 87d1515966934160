package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.kernel.TensorArg;
import io.jlite.gpu.layout.Phwc4Layout;
import io.jlite.gpu.plan.GpuPlan;
import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Tanh;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The texture-or-SSBO rule on hand-made kernels and limits (no device): the expected sets are
 * worked out by hand from the rule in {@link TextureChoice}'s javadoc.
 */
class TextureChoiceTest {
  /** OpenGL ES 3.1's guaranteed minimums. */
  private static final TextureChoice.Limits ES31 = new TextureChoice.Limits(2048, 4);

  private static final Phwc4Layout SMALL = new Phwc4Layout(1, 4, 4, 4); // 4 x 4 texels
  private static final Phwc4Layout WIDE = new Phwc4Layout(1, 1, 4096, 4); // 4096 x 1
  private static final Phwc4Layout TALL = new Phwc4Layout(1, 3000, 1, 4); // 1 x 3000
  private static final Phwc4Layout DEEP = new Phwc4Layout(1, 8, 8, 8); // 8 x 16 (2 slices)
  private static final Phwc4Layout RESHAPED = new Phwc4Layout(1, 8, 16, 4); // 16 x 8, same bytes

  private static TensorArg in(int tensor, Phwc4Layout layout) {
    return new TensorArg("t" + tensor, tensor, layout, false);
  }

  private static TensorArg out(int tensor, Phwc4Layout layout) {
    return new TensorArg("t" + tensor, tensor, layout, true);
  }

  /**
   * Kernels over tensors 0..14 and host buffer 100: 0 written from the host buffer; 1 too wide, 15
   * too tall; kernel 3 binds five fitting tensors (3..7); kernel 4 four fitting ones and the wide
   * one; 12 aliases 2 in the same image size, 13 aliases 8 in another; 3 also appears with 14.
   */
  private static final List<List<TensorArg>> KERNELS =
      List.of(
          List.of(in(100, Phwc4Layout.flat(512)), out(0, DEEP)),
          List.of(in(0, DEEP), out(1, WIDE)),
          List.of(in(0, DEEP), in(1, WIDE), out(2, SMALL)),
          List.of(in(3, SMALL), in(4, SMALL), in(5, SMALL), in(6, SMALL), out(7, SMALL)),
          List.of(in(1, WIDE), in(8, DEEP), in(9, SMALL), in(10, SMALL), out(11, SMALL)),
          List.of(in(12, SMALL), out(15, TALL)),
          List.of(in(13, RESHAPED), out(16, SMALL)),
          List.of(in(3, SMALL), out(14, SMALL)));

  private static int storage(int tensor) {
    return switch (tensor) {
      case 12 -> 2;
      case 13 -> 8;
      default -> tensor;
    };
  }

  private static Set<Integer> images(TextureChoice.Limits limits) {
    return TextureChoice.images(KERNELS, TextureChoiceTest::storage, Set.of(100, 16), limits)
        .keySet();
  }

  @Test
  void atTheEs31MinimumsTooLargeAliasedOverfullAndHostTensorsStayBuffers() {
    // 100, 16: the host's. 1, 15: a side above 2048. 8: seen 8x16 and (through 13) 16x8.
    // 3..7: kernel 3 would bind 5 images > 4 units; 3 stays a buffer in kernel 7 as well.
    // Kernel 4 binds 9, 10, 11 as images (1 and 8 are buffers, so 3 units suffice).
    assertEquals(new TreeSet<>(List.of(0, 2, 9, 10, 11, 14)), images(ES31));
  }

  @Test
  void roomierLimitsMakeMoreImages() {
    // 5 units: kernel 3 fits; 4096 texels: the wide tensor fits (the tall one at 3000 too).
    Set<Integer> images = images(new TextureChoice.Limits(4096, 5));
    assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 14, 15)), images);
    // Kernel 4 would then bind 1, 9, 10, 11 (8 is still a buffer): 4 units, within 5.
    assertFalse(images.contains(8));
  }

  @Test
  void noImageUnitsOrTinyTexturesMeanNoImages() {
    assertEquals(Set.of(), images(new TextureChoice.Limits(16384, 0)));
    // 3 texels: nothing of ours fits (the smallest image is 4 x 4).
    assertEquals(Set.of(), images(new TextureChoice.Limits(3, 32)));
  }

  @Test
  void sizesAreWidthByBatchSlicesAndRows() {
    assertEquals(new TextureChoice.Size(8, 16), TextureChoice.Size.of(DEEP));
    assertEquals(
        new TextureChoice.Size(5, 2 * 3 * 7), TextureChoice.Size.of(new Phwc4Layout(2, 7, 5, 9)));
    Map<Integer, TextureChoice.Size> sizes =
        TextureChoice.images(KERNELS, TextureChoiceTest::storage, Set.of(100, 16), ES31);
    assertEquals(new TextureChoice.Size(4, 4), sizes.get(2));
  }

  @Test
  void aPlannedPartitionKeepsItsBoundaryInBuffers() {
    // 1x40x40x3 input (4800 elements, above the device-conversion threshold; 3 channels are not
    // PHWC4): converted on the device, so the plan has host buffers for the input and the output.
    // Unfused, ADD and TANH are two kernels with y between them.
    GraphBuilder g = new GraphBuilder(5);
    int x = g.input(1, 40, 40, 3);
    int y = g.op("ADD", new Add(Activation.NONE), x, g.constant(1f, 1, 40, 40, 3));
    g.op("TANH", new Tanh(), y);
    Graph graph = g.build();
    GpuPlan plan = GpuPlanner.plan(graph, graph.nodes(), GpuPlanner.Options.UNFUSED);
    Set<Integer> images = TextureChoice.images(plan, new TextureChoice.Limits(16384, 8)).keySet();
    for (int t : plan.inputs()) {
      assertFalse(images.contains(plan.storage(plan.hostSide(t))), "input " + t);
    }
    for (int t : plan.outputs()) {
      assertFalse(images.contains(plan.storage(plan.hostSide(t))), "output " + t);
    }
    assertFalse(plan.hostBuffers().isEmpty(), "the plan converts on the device");
    // The intermediate is device-only: an image. (The boundary tensors have no PHWC4 side at all:
    // the ADD gathers the input from its host buffer, the TANH writes the output to its own.)
    assertTrue(images.contains(plan.storage(y)), images + " lacks " + y);
  }
}
