package io.jlite.gpu.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.gpu.testing.GraphBuilder;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Shape;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Div;
import io.jlite.ops.FullyConnected;
import io.jlite.ops.Mul;
import io.jlite.ops.Padding;
import io.jlite.ops.Relu;
import io.jlite.ops.Sub;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Hand-worked folds of MUL/DIV/ADD/SUB by constants into weights and bias, and the refusals. */
class FoldAffineIntoWeightsTest {
  private static final Conv2D CONV_1X1 = new Conv2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE);

  private static Graph fold(Graph g) {
    return new FoldAffineIntoWeights().apply(g);
  }

  private static float[] constant(Graph g, Node n, int input) {
    return g.tensor(n.inputs().get(input)).constant().orElseThrow().floats();
  }

  private static float[] run(Graph g, int input, float... values) {
    Shape s = g.tensor(input).shape();
    Map<Integer, NdArray> out = GraphBuilder.reference(g, Map.of(input, NdArray.of(s, values)));
    return out.get(g.outputs().get(0)).floats();
  }

  @Test
  void mulByAChannelVectorScalesEachOutputChannelsWeightsAndBias() {
    // 1x1 conv, one input channel: ch0 = 3x + 0.5, ch1 = -x + 1; then · [2, 10]
    GraphBuilder b = new GraphBuilder(1);
    int x = b.input(1, 1, 2, 1);
    int c =
        b.op(
            "CONV_2D",
            CONV_1X1,
            x,
            b.constant(new float[] {3, -1}, 2, 1, 1, 1),
            b.constant(new float[] {0.5f, 1}, 2));
    b.op("MUL", new Mul(Activation.NONE), c, b.constant(new float[] {2, 10}, 2));
    Graph folded = fold(b.build());

    assertEquals(1, folded.nodes().size());
    Node conv = folded.nodes().get(0);
    assertArrayEquals(new float[] {6, -10}, constant(folded, conv, 1));
    assertArrayEquals(new float[] {1, 10}, constant(folded, conv, 2));
    // x = 1: (3.5, 0)·(2, 10); x = 2: (6.5, -1)·(2, 10)
    assertArrayEquals(new float[] {7, 0, 13, -10}, run(folded, x, 1, 2));
  }

  @Test
  void depthwiseWeightsAreScaledAlongTheirLastAxis() {
    // [1, 2, 1, 4] weights: channel = index % 4 (not index / 2 as for CONV_2D's leading axis)
    GraphBuilder b = new GraphBuilder(2);
    int x = b.input(1, 2, 1, 2);
    int d =
        b.op(
            "DEPTHWISE_CONV_2D",
            new DepthwiseConv2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE),
            x,
            b.constant(new float[] {1, 1, 1, 1, 2, 2, 2, 2}, 1, 2, 1, 4),
            -1);
    b.op("MUL", new Mul(Activation.NONE), b.constant(new float[] {1, 2, 3, 4}, 1, 1, 1, 4), d);
    Graph folded = fold(b.build());

    Node dw = folded.nodes().get(0);
    assertEquals(1, folded.nodes().size());
    assertArrayEquals(new float[] {1, 2, 3, 4, 2, 4, 6, 8}, constant(folded, dw, 1));
    assertArrayEquals(new float[4], constant(folded, dw, 2));
    // x rows (1, 2), (3, 4): channel 2i+j = (1·row0[i] + 2·row1[i]) · (j-th scale)
    assertArrayEquals(new float[] {7, 14, 30, 40}, run(folded, x, 1, 2, 3, 4));
  }

  @Test
  void addThenScalarMulCreateABiasAndFoldOneAfterTheOther() {
    GraphBuilder b = new GraphBuilder(3);
    int x = b.input(1, 1, 1, 1);
    int c = b.op("CONV_2D", CONV_1X1, x, b.constant(new float[] {2, 3}, 2, 1, 1, 1), -1);
    int a = b.op("ADD", new Add(Activation.NONE), c, b.constant(new float[] {1, -1}, 2));
    b.op("DIV", new Div(Activation.NONE), a, b.constant(new float[] {4}, 1));
    Graph folded = fold(b.build());

    Node conv = folded.nodes().get(0);
    assertEquals(1, folded.nodes().size());
    assertArrayEquals(new float[] {0.5f, 0.75f}, constant(folded, conv, 1));
    assertArrayEquals(new float[] {0.25f, -0.25f}, constant(folded, conv, 2));
    // x = 3: (6 + 1) / 4, (9 - 1) / 4
    assertArrayEquals(new float[] {1.75f, 2f}, run(folded, x, 3));
  }

  @Test
  void constantMinusFullyConnectedNegatesTheWeights() {
    GraphBuilder b = new GraphBuilder(4);
    int x = b.input(1, 3);
    int f =
        b.op(
            "FULLY_CONNECTED",
            new FullyConnected(false, Activation.NONE),
            x,
            b.constant(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
            b.constant(new float[] {0.5f, 0}, 2));
    b.op("SUB", new Sub(Activation.NONE), b.constant(new float[] {1}, 1), f);
    Graph folded = fold(b.build());

    Node fc = folded.nodes().get(0);
    assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6}, constant(folded, fc, 1));
    assertArrayEquals(new float[] {0.5f, 1}, constant(folded, fc, 2));
    // x = (1, 1, 1): 1 - (6.5, 15)
    assertArrayEquals(new float[] {-5.5f, -14}, run(folded, x, 1, 1, 1));
  }

  @Test
  void theElementwiseActivationMovesOntoTheLayer() {
    GraphBuilder b = new GraphBuilder(5);
    int x = b.input(1, 1, 1, 1);
    int c = b.op("CONV_2D", CONV_1X1, x, b.constant(new float[] {1, 1}, 2, 1, 1, 1), -1);
    b.op("SUB", new Sub(Activation.RELU), c, b.constant(new float[] {2, -2}, 2));
    Graph folded = fold(b.build());

    assertEquals(Activation.RELU, ((Conv2D) folded.nodes().get(0).op()).activation());
    // x = 1: relu(1 - 2), relu(1 + 2)
    assertArrayEquals(new float[] {0, 3}, run(folded, x, 1));
  }

  /** A random conv, depthwise conv (multiplier 1 or 2) or FC followed by 1–3 foldable ops. */
  @Property(tries = 300)
  void foldedLayersMatchTheReference(@ForAll long seed) {
    GraphBuilder b = new GraphBuilder(seed);
    Random r = b.random();
    int c = 1 + r.nextInt(6);
    int kind = r.nextInt(3);
    int x;
    int out;
    int channels;
    if (kind == 2) {
      channels = 1 + r.nextInt(6);
      x = b.input(1 + r.nextInt(3), c);
      out =
          b.op(
              "FULLY_CONNECTED",
              new FullyConnected(false, Activation.NONE),
              x,
              b.constant(1f, channels, c),
              r.nextBoolean() ? b.constant(1f, channels) : -1);
    } else {
      x = b.input(1, 2 + r.nextInt(4), 2 + r.nextInt(4), c);
      Padding padding = r.nextBoolean() ? Padding.SAME : Padding.VALID;
      int k = 1 + r.nextInt(2);
      int bias = r.nextBoolean() ? 1 : 0;
      if (kind == 0) {
        channels = 1 + r.nextInt(6);
        out =
            b.op(
                "CONV_2D",
                new Conv2D(padding, 1, 1, 1, 1, Activation.NONE),
                x,
                b.constant(1f, channels, k, 2, c),
                bias == 1 ? b.constant(1f, channels) : -1);
      } else {
        channels = c * (1 + r.nextInt(2));
        out =
            b.op(
                "DEPTHWISE_CONV_2D",
                new DepthwiseConv2D(padding, 1, 1, 1, 1, Activation.NONE),
                x,
                b.constant(1f, 1, k, 2, channels),
                bias == 1 ? b.constant(1f, channels) : -1);
      }
    }
    int steps = 1 + r.nextInt(3);
    for (int i = 0; i < steps; i++) {
      int[] shape = r.nextBoolean() ? new int[] {channels} : new int[] {1};
      if (kind != 2 && r.nextBoolean()) {
        shape = new int[] {1, 1, 1, shape[0]};
      }
      float[] k = new float[shape[shape.length - 1]];
      for (int j = 0; j < k.length; j++) {
        k[j] = (0.5f + r.nextFloat()) * (r.nextBoolean() ? 1 : -1);
      }
      int operand = b.constant(k, shape);
      Activation act = i == steps - 1 && r.nextBoolean() ? Activation.RELU6 : Activation.NONE;
      out =
          switch (r.nextInt(5)) {
            case 0 -> b.op("MUL", new Mul(act), operand, out);
            case 1 -> b.op("ADD", new Add(act), out, operand);
            case 2 -> b.op("SUB", new Sub(act), out, operand);
            case 3 -> b.op("SUB", new Sub(act), operand, out);
            default -> b.op("DIV", new Div(act), out, operand);
          };
    }
    Graph g = b.build();
    Graph folded = fold(g);
    assertEquals(1, folded.nodes().size(), "everything folds into the layer");
    Map<Integer, NdArray> in = GraphBuilder.randomInputs(g, r, 3f);
    PassEquivalenceTest.assertSame(
        GraphBuilder.reference(g, in), GraphBuilder.reference(folded, in), "folded");
  }

  @Test
  void whatIsNotAPerChannelAffineMapOfALoneLayerOutputStays() {
    GraphBuilder b = new GraphBuilder(6);
    int x = b.input(1, 2, 2, 2);
    Conv2D relu = new Conv2D(Padding.VALID, 1, 1, 1, 1, Activation.RELU);
    int w = b.constant(1f, 2, 1, 1, 2);
    // an activation between the conv and the MUL
    int c0 = b.op("CONV_2D", relu, x, w, -1);
    int m0 = b.op("MUL", new Mul(Activation.NONE), c0, b.constant(1f, 2));
    // a spatially varying operand [1, 2, 2, 1]
    int c1 = b.op("CONV_2D", CONV_1X1, m0, w, -1);
    int m1 = b.op("MUL", new Mul(Activation.NONE), c1, b.constant(1f, 1, 2, 2, 1));
    // a divisor of zero, and a constant divided by the conv
    int c2 = b.op("CONV_2D", CONV_1X1, m1, w, -1);
    int d2 = b.op("DIV", new Div(Activation.NONE), c2, b.constant(new float[] {1, 0}, 2));
    int c3 = b.op("CONV_2D", CONV_1X1, d2, w, -1);
    int d3 = b.op("DIV", new Div(Activation.NONE), b.constant(1f, 2), c3);
    // a tensor operand, and a conv whose output is read twice
    int c4 = b.op("CONV_2D", CONV_1X1, d3, w, -1);
    int a4 = b.op("ADD", new Add(Activation.NONE), c4, x);
    int c5 = b.op("CONV_2D", CONV_1X1, a4, w, -1);
    int a5 = b.op("ADD", new Add(Activation.NONE), c5, b.constant(1f, 2));
    int r5 = b.op("RELU", new Relu(), c5);
    // a conv whose output is a graph output
    int c6 = b.op("CONV_2D", CONV_1X1, r5, w, -1);
    int a6 = b.op("ADD", new Add(Activation.NONE), c6, b.constant(1f, 2));
    Graph g = b.build(a5, c6, a6);
    assertEquals(g.nodes(), fold(g).nodes());
  }
}
