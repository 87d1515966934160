package io.jlite.gpu.testing;

import static io.jlite.gpu.testing.GraphBuilder.operand;

import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.Concatenation;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Div;
import io.jlite.ops.HardSwish;
import io.jlite.ops.Logistic;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Mul;
import io.jlite.ops.Pad;
import io.jlite.ops.Padding;
import io.jlite.ops.Pool2D;
import io.jlite.ops.Prelu;
import io.jlite.ops.Relu;
import io.jlite.ops.Relu6;
import io.jlite.ops.Reshape;
import io.jlite.ops.ResizeBilinear;
import io.jlite.ops.Sub;
import io.jlite.ops.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random small NHWC graphs of the ops GPU planning rewrites (convolutions, elementwise ops with
 * constant, broadcast and tensor operands, activations, PAD before convs and poolings, pooling,
 * resize, concatenation, no-op RESHAPEs and identity PADs), with skip connections and residual
 * ADDs, so that elementwise chains follow every kind of producer, for the pass-equivalence
 * properties.
 */
public final class RandomGraphs {
  private static final List<Activation> ACTIVATIONS =
      List.of(
          Activation.NONE,
          Activation.RELU,
          Activation.RELU6,
          Activation.RELU_N1_TO_1,
          Activation.TANH);

  private RandomGraphs() {}

  public static Graph generate(long seed, int length) {
    GraphBuilder g = new GraphBuilder(seed);
    Random r = g.random();
    int c = 1 + r.nextInt(6);
    int h = 3 + r.nextInt(4);
    int w = 3 + r.nextInt(4);
    List<Integer> values = new ArrayList<>();
    values.add(g.input(1, h, w, c));
    int x = values.get(0);
    for (int i = 0; i < length; i++) {
      int pick = r.nextInt(19);
      Activation act = ACTIVATIONS.get(r.nextInt(ACTIVATIONS.size()));
      switch (pick) {
        case 0 -> {
          int out = 1 + r.nextInt(6);
          int k = 1 + 2 * r.nextInt(2);
          x =
              g.op(
                  "CONV_2D",
                  new Conv2D(Padding.SAME, 1, 1, 1, 1, act),
                  x,
                  g.constant(1f, out, k, k, c),
                  r.nextBoolean() ? g.constant(1f, out) : -1);
          c = out;
        }
        case 1 ->
            x =
                g.op(
                    "DEPTHWISE_CONV_2D",
                    new DepthwiseConv2D(Padding.SAME, 1, 1, 1, 1, act),
                    x,
                    g.constant(1f, 1, 3, 3, c),
                    g.constant(1f, c));
        case 2 -> x = g.op("ADD", new Add(act), x, g.constant(1f, c));
        case 3 ->
            x =
                g.op(
                    "MUL",
                    new Mul(Activation.NONE),
                    r.nextBoolean() ? g.constant(1f, 1) : g.constant(1f, c),
                    x);
        case 4 -> {
          // a skip connection to an earlier value of the same shape, if any
          int other = values.get(r.nextInt(values.size()));
          x =
              sameShape(g, other, x)
                  ? g.op("SUB", new Sub(Activation.NONE), x, other)
                  : g.op("RELU", new Relu(), x);
        }
        case 5 -> x = g.op("RELU6", new Relu6(), x);
        case 6 -> x = g.op("TANH", new Tanh(), x);
        case 7 -> x = g.op("LOGISTIC", new Logistic(), x);
        case 8 -> x = g.op("HARD_SWISH", new HardSwish(), x);
        case 9 -> x = g.op("PRELU", new Prelu(), x, g.constant(1f, 1, 1, c));
        case 10 -> {
          int top = r.nextInt(2);
          int left = r.nextInt(2);
          int[] pads = {0, 0, top, 1 - top, left, 1, 0, 0};
          x = g.op("PAD", new Pad(operand(1, pads), 0), x, g.ints(pads, 4, 2));
          // what reads the padded tensor: a conv, a pooling (both take the PAD in), or the next op
          Padding padding = r.nextBoolean() ? Padding.SAME : Padding.VALID;
          Pool2D pool = new Pool2D(padding, 1 + r.nextInt(2), 1, 2, 1 + r.nextInt(2), act);
          switch (r.nextInt(4)) {
            case 0 ->
                x =
                    g.op(
                        "CONV_2D",
                        new Conv2D(Padding.VALID, 1, 1, 1, 1, act),
                        x,
                        g.constant(1f, c, 2, 3, c),
                        g.constant(1f, c));
            case 1 -> x = g.op("MAX_POOL_2D", new MaxPool2D(pool), x);
            case 2 -> x = g.op("AVERAGE_POOL_2D", new AveragePool2D(pool), x);
            default -> {}
          }
        }
        case 11 ->
            x =
                g.op(
                    "MAX_POOL_2D",
                    new MaxPool2D(new Pool2D(Padding.SAME, 1, 1, 2, 2, Activation.NONE)),
                    x);
        case 12 -> x = g.op("RESHAPE", new Reshape(operand(-1, 1, h, w, c)), x);
        case 13 -> {
          // a divisor away from 0 (the fold refuses 0; tiny ones would only test overflow)
          float[] k = new float[c];
          for (int j = 0; j < c; j++) {
            k[j] = (0.5f + r.nextFloat()) * (r.nextBoolean() ? 1 : -1);
          }
          x = g.op("DIV", new Div(act), x, g.constant(k, c));
        }
        case 14 -> x = g.op("SUB", new Sub(act), g.constant(1f, 1, 1, 1, c), x);
        case 15 -> {
          // a residual ADD of two computed values (the chain value second), if shapes allow
          int other = values.get(r.nextInt(values.size()));
          x =
              sameShape(g, other, x)
                  ? g.op("ADD", new Add(act), other, x)
                  : g.op("MUL", new Mul(act), x, g.input(1, 1, 1, c));
        }
        case 16 -> {
          // an upsampling RESIZE_BILINEAR (then usually an elementwise op fuses into it)
          boolean align = r.nextBoolean();
          int[] size = {h + 1 + r.nextInt(3), w + 1 + r.nextInt(3)};
          x =
              g.op(
                  "RESIZE_BILINEAR",
                  new ResizeBilinear(operand(1, size), align, !align && r.nextBoolean()),
                  x,
                  g.ints(size, 2));
        }
        case 17 -> {
          // a CONCATENATION along the channels with an earlier value of the same H and W
          int other = x;
          for (int v : values) {
            io.jlite.ir.Shape s = g.build(v).tensor(v).shape();
            if (s.rank() == 4 && s.dim(1) == h && s.dim(2) == w && r.nextBoolean()) {
              other = v;
            }
          }
          x = g.op("CONCATENATION", new Concatenation(3, act), other, x);
        }
        default -> {
          // a view splitting H·W differently, or an identity PAD
          int[] zeros = new int[8];
          x =
              r.nextBoolean()
                  ? g.op("RESHAPE", new Reshape(operand(-1, 1, h * w, c)), x)
                  : g.op("PAD", new Pad(operand(1, zeros), 0), x, g.ints(zeros, 4, 2));
        }
      }
      values.add(x);
      // the shape as the ops computed it
      io.jlite.ir.Shape shape = g.build(x).tensor(x).shape();
      if (shape.rank() == 3) {
        // back to 4-D for the next op
        x = g.op("RESHAPE", new Reshape(operand(-1, 1, h, w, c)), x);
        values.add(x);
        shape = g.build(x).tensor(x).shape();
      }
      h = shape.dim(1);
      w = shape.dim(2);
      c = shape.dim(3);
    }
    return g.build();
  }

  private static boolean sameShape(GraphBuilder g, int a, int b) {
    Graph graph = g.build(a);
    return graph.tensor(a).shape().equals(graph.tensor(b).shape());
  }
}
