package io.jlite.gpu.fusion;

import static io.jlite.gpu.testing.GraphBuilder.operand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Pad;
import io.jlite.ops.Padding;
import io.jlite.ops.Pool2D;
import io.jlite.ops.Relu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which channel PADs merge into the pooling before them, and what the merged op computes. */
class MergeChannelPadTest {
  private static final Pool2D TWO_BY_TWO = new Pool2D(Padding.VALID, 2, 2, 2, 2, Activation.NONE);

  /** A MAX_POOL_2D of a [1, 4, 4, channels] input, then a PAD by {@code pads}; more readers. */
  private static Graph poolThenPad(int channels, int[] pads, boolean poolIsAlsoAnOutput) {
    GraphBuilder g = new GraphBuilder(5);
    int m = g.op("MAX_POOL_2D", new MaxPool2D(TWO_BY_TWO), g.input(1, 4, 4, channels));
    int p = g.op("PAD", new Pad(operand(1, pads), 0), m, g.ints(pads, 4, 2));
    return poolIsAlsoAnOutput ? g.build(p, m) : g.build(p);
  }

  private static List<String> ops(Graph g) {
    return new MergeChannelPad().apply(g).nodes().stream().map(n -> n.opName()).toList();
  }

  @Test
  void aPadAppendingZeroChannelsToWholeSlicesMerges() {
    Graph merged =
        new MergeChannelPad().apply(poolThenPad(8, new int[] {0, 0, 0, 0, 0, 0, 0, 3}, false));
    assertEquals(1, merged.nodes().size());
    assertTrue(merged.nodes().get(0).op() instanceof ChannelPaddedPool c && c.channelsAfter() == 3);
  }

  @Test
  void otherPadsAndSharedPoolingsStayApart() {
    List<String> apart = List.of("MAX_POOL_2D", "PAD");
    // channels 6: the appended zeros would share a slice with pooled values
    assertEquals(apart, ops(poolThenPad(6, new int[] {0, 0, 0, 0, 0, 0, 0, 2}, false)));
    // zeros before the channels, or on W
    assertEquals(apart, ops(poolThenPad(8, new int[] {0, 0, 0, 0, 0, 0, 4, 0}, false)));
    assertEquals(apart, ops(poolThenPad(8, new int[] {0, 0, 0, 0, 1, 0, 0, 4}, false)));
    // the pooled tensor is read elsewhere too (here: a graph output)
    assertEquals(apart, ops(poolThenPad(8, new int[] {0, 0, 0, 0, 0, 0, 0, 4}, true)));
  }

  @Test
  void theMergedOpAppendsZerosToEachPooledPosition() {
    // [1, 2, 2, 4] pooled 2×2 to one position: the maxima per channel, then two zeros
    float[] x = {1, -2, 3, -4, 5, -6, 7, -8, -1, 2, -3, 4, 0, 0, 0, 0};
    NdArray in = NdArray.of(Shape.of(1, 2, 2, 4), x);
    NdArray out = new ChannelPaddedPool(new MaxPool2D(TWO_BY_TWO), 2).apply(new NdArray[] {in})[0];
    assertEquals(Shape.of(1, 1, 1, 6), out.shape());
    assertArrayEquals(new float[] {5, 2, 7, 4, 0, 0}, out.floats());
  }

  @Test
  void onlyPoolingsTakeAChannelPad() {
    assertThrows(IllegalArgumentException.class, () -> new ChannelPaddedPool(new Relu(), 4));
    assertThrows(
        IllegalArgumentException.class, () -> new ChannelPaddedPool(new MaxPool2D(TWO_BY_TWO), 0));
  }
}
