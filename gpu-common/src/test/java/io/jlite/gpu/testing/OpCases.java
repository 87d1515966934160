package io.jlite.gpu.testing;

import static io.jlite.gpu.testing.GraphBuilder.operand;

import io.jlite.gpu.plan.GpuPlanner;
import io.jlite.ir.Graph;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.AveragePool2D;
import io.jlite.ops.Concatenation;
import io.jlite.ops.Conv2D;
import io.jlite.ops.Convolution2DTransposeBias;
import io.jlite.ops.DepthToSpace;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Div;
import io.jlite.ops.FullyConnected;
import io.jlite.ops.HardSwish;
import io.jlite.ops.Logistic;
import io.jlite.ops.MaxPool2D;
import io.jlite.ops.Mul;
import io.jlite.ops.Pad;
import io.jlite.ops.Padding;
import io.jlite.ops.Pool2D;
import io.jlite.ops.Prelu;
import io.jlite.ops.Reduce;
import io.jlite.ops.Relu;
import io.jlite.ops.Relu6;
import io.jlite.ops.Reshape;
import io.jlite.ops.ResizeBilinear;
import io.jlite.ops.ResizeNearestNeighbor;
import io.jlite.ops.Slice;
import io.jlite.ops.Softmax;
import io.jlite.ops.SpaceToDepth;
import io.jlite.ops.StridedSlice;
import io.jlite.ops.Sub;
import io.jlite.ops.Tanh;
import io.jlite.ops.Transpose;
import io.jlite.ops.TransposeConv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One or more small graphs per GPU op, channel counts in and out of 4ℤ, for the template tests. */
public final class OpCases {
  private OpCases() {}

  /**
   * One way the template tests plan and lower a case.
   *
   * @param inlineLimit the code generator's inline limit (0: every constant a buffer)
   */
  public record Variant(String name, Graph graph, GpuPlanner.Options options, int inlineLimit) {}

  /**
   * Every case twice, as both backends' template tests run it: without passes with every constant a
   * buffer, and with all passes with every constant inlined.
   */
  public static List<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (Map.Entry<String, Graph> e : all().entrySet()) {
      variants.add(new Variant(e.getKey(), e.getValue(), GpuPlanner.Options.UNFUSED, 0));
      variants.add(
          new Variant(
              e.getKey() + " fused, constants inlined",
              e.getValue(),
              GpuPlanner.Options.DEFAULT,
              1 << 20));
    }
    return variants;
  }

  /** Named single-op graphs (plus a few short chains that fusion merges). */
  public static Map<String, Graph> all() {
    Map<String, Graph> cases = new LinkedHashMap<>();
    long[] seed = {1};
    java.util.function.BiConsumer<String, Consumer<GraphBuilder>> add =
        (name, body) -> {
          GraphBuilder g = new GraphBuilder(seed[0]++);
          body.accept(g);
          cases.put(name, g.build());
        };
    add.accept(
        "ADD tensors",
        g -> g.op("ADD", new Add(Activation.RELU), g.input(1, 4, 5, 6), g.input(1, 4, 5, 6)));
    add.accept(
        "ADD channel constant",
        g -> g.op("ADD", new Add(Activation.NONE), g.input(1, 3, 2, 6), g.constant(1f, 6)));
    add.accept(
        "SUB constant first",
        g -> g.op("SUB", new Sub(Activation.RELU6), g.constant(1f, 1), g.input(1, 3, 3, 5)));
    add.accept(
        "MUL channel broadcast",
        g -> g.op("MUL", new Mul(Activation.NONE), g.input(1, 4, 5, 1), g.input(1, 4, 5, 6)));
    add.accept(
        "MUL rank 2", g -> g.op("MUL", new Mul(Activation.NONE), g.input(3, 7), g.constant(1f, 7)));
    add.accept(
        "DIV constant",
        g ->
            g.op(
                "DIV",
                new Div(Activation.NONE),
                g.input(1, 2, 3, 5),
                g.constant(new float[] {0.5f, -2f, 4f, 1f, 3f}, 5)));
    add.accept(
        "PRELU", g -> g.op("PRELU", new Prelu(), g.input(1, 3, 4, 6), g.constant(1f, 1, 1, 6)));
    add.accept(
        "AVERAGE_POOL_2D same",
        g ->
            g.op(
                "AVERAGE_POOL_2D",
                new AveragePool2D(new Pool2D(Padding.SAME, 2, 2, 3, 3, Activation.NONE)),
                g.input(1, 7, 6, 5)));
    add.accept(
        "MAX_POOL_2D valid",
        g ->
            g.op(
                "MAX_POOL_2D",
                new MaxPool2D(new Pool2D(Padding.VALID, 2, 2, 2, 2, Activation.RELU)),
                g.input(1, 6, 7, 3)));
    add.accept(
        "CONCATENATION channels",
        g ->
            g.op(
                "CONCATENATION",
                new Concatenation(3, Activation.NONE),
                g.input(1, 3, 4, 3),
                g.input(1, 3, 4, 6),
                g.constant(1f, 1, 3, 4, 2)));
    add.accept(
        "CONCATENATION height",
        g ->
            g.op(
                "CONCATENATION",
                new Concatenation(-3, Activation.RELU),
                g.input(1, 2, 4, 5),
                g.input(1, 3, 4, 5)));
    add.accept(
        "CONV_2D same stride 2",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.SAME, 2, 2, 1, 1, Activation.RELU6),
                g.input(1, 7, 8, 3),
                g.constant(1f, 5, 3, 3, 3),
                g.constant(1f, 5)));
    add.accept(
        "CONV_2D valid dilated no bias",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.VALID, 1, 1, 2, 2, Activation.NONE),
                g.input(1, 7, 7, 6),
                g.constant(1f, 8, 2, 2, 6),
                -1));
    add.accept(
        "CONV_2D 1x1",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.TANH),
                g.input(1, 4, 4, 9),
                g.constant(1f, 4, 1, 1, 9),
                g.constant(1f, 4)));
    add.accept(
        // Few outputs, a long reduction: the blocked split form (BlockedPointwiseConv).
        "CONV_2D 1x1 at 3x3, 140 -> 18 channels",
        g ->
            g.op(
                "CONV_2D",
                new Conv2D(Padding.VALID, 1, 1, 1, 1, Activation.RELU6),
                g.input(1, 3, 3, 140),
                g.constant(0.2f, 18, 1, 1, 140),
                g.constant(1f, 18)));
    add.accept(
        "DEPTHWISE_CONV_2D",
        g ->
            g.op(
                "DEPTHWISE_CONV_2D",
                new DepthwiseConv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU),
                g.input(1, 5, 6, 6),
                g.constant(1f, 1, 3, 3, 6),
                g.constant(1f, 6)));
    add.accept(
        "DEPTHWISE_CONV_2D multiplier 2",
        g ->
            g.op(
                "DEPTHWISE_CONV_2D",
                new DepthwiseConv2D(Padding.VALID, 2, 1, 1, 1, Activation.NONE),
                g.input(1, 6, 5, 3),
                g.constant(1f, 1, 2, 3, 6),
                g.constant(1f, 6)));
    add.accept(
        "TRANSPOSE_CONV same stride 2",
        g ->
            g.op(
                "TRANSPOSE_CONV",
                new TransposeConv(Padding.SAME, 2, 2, Activation.NONE),
                g.ints(new int[] {1, 8, 6, 5}, 4),
                g.constant(1f, 5, 3, 3, 3),
                g.input(1, 4, 3, 3),
                g.constant(1f, 5)));
    add.accept(
        "TRANSPOSE_CONV valid",
        g ->
            g.op(
                "TRANSPOSE_CONV",
                new TransposeConv(Padding.VALID, 2, 1, Activation.RELU),
                g.ints(new int[] {1, 9, 5, 4}, 4),
                g.constant(1f, 4, 3, 2, 6),
                g.input(1, 4, 4, 6)));
    add.accept(
        "Convolution2DTransposeBias",
        g ->
            g.op(
                "CUSTOM:Convolution2DTransposeBias",
                new Convolution2DTransposeBias(Padding.SAME, 2, 2),
                g.input(1, 3, 4, 6),
                g.constant(1f, 3, 4, 4, 6),
                g.constant(1f, 3)));
    add.accept(
        "FULLY_CONNECTED flatten",
        g ->
            g.op(
                "FULLY_CONNECTED",
                new FullyConnected(false, Activation.RELU),
                g.input(1, 2, 2, 3),
                g.constant(1f, 7, 12),
                g.constant(1f, 7)));
    add.accept(
        "FULLY_CONNECTED rows",
        g ->
            g.op(
                "FULLY_CONNECTED",
                new FullyConnected(false, Activation.NONE),
                g.input(3, 10),
                g.constant(1f, 5, 10),
                -1));
    add.accept(
        "RESHAPE", g -> g.op("RESHAPE", new Reshape(operand(-1, 1, 6, 5)), g.input(1, 2, 3, 5)));
    add.accept(
        "RESHAPE flatten",
        g -> g.op("RESHAPE", new Reshape(operand(-1, 1, 30)), g.input(1, 2, 3, 5)));
    add.accept(
        "PAD",
        g ->
            g.op(
                "PAD",
                new Pad(operand(1, 0, 0, 1, 2, 2, 1, 0, 3), 0),
                g.input(1, 3, 3, 5),
                g.ints(new int[] {0, 0, 1, 2, 2, 1, 0, 3}, 4, 2)));
    add.accept(
        "RESIZE_BILINEAR half pixel",
        g ->
            g.op(
                "RESIZE_BILINEAR",
                new ResizeBilinear(operand(1, 7, 5), false, true),
                g.input(1, 3, 4, 5),
                g.ints(new int[] {7, 5}, 2)));
    add.accept(
        "RESIZE_BILINEAR align corners",
        g ->
            g.op(
                "RESIZE_BILINEAR",
                new ResizeBilinear(operand(1, 5, 9), true, false),
                g.input(1, 3, 4, 3),
                g.ints(new int[] {5, 9}, 2)));
    add.accept(
        "RESIZE_NEAREST_NEIGHBOR",
        g ->
            g.op(
                "RESIZE_NEAREST_NEIGHBOR",
                new ResizeNearestNeighbor(operand(1, 6, 7), false, false),
                g.input(1, 3, 3, 6),
                g.ints(new int[] {6, 7}, 2)));
    add.accept(
        "RESIZE_NEAREST_NEIGHBOR align",
        g ->
            g.op(
                "RESIZE_NEAREST_NEIGHBOR",
                new ResizeNearestNeighbor(operand(1, 5, 5), true, true),
                g.input(1, 3, 3, 2),
                g.ints(new int[] {5, 5}, 2)));
    add.accept("SOFTMAX", g -> g.op("SOFTMAX", new Softmax(1f), g.input(1, 2, 3, 7)));
    add.accept("SOFTMAX rank 2 beta", g -> g.op("SOFTMAX", new Softmax(0.5f), g.input(2, 9)));
    add.accept("LOGISTIC", g -> g.op("LOGISTIC", new Logistic(), g.input(1, 3, 3, 5)));
    add.accept("TANH", g -> g.op("TANH", new Tanh(), g.input(1, 3, 3, 6)));
    add.accept("RELU", g -> g.op("RELU", new Relu(), g.input(1, 3, 3, 7)));
    add.accept("RELU6", g -> g.op("RELU6", new Relu6(), g.input(2, 3, 4)));
    add.accept("HARD_SWISH", g -> g.op("HARD_SWISH", new HardSwish(), g.input(1, 3, 3, 5)));
    add.accept(
        "MEAN keep dims",
        g ->
            g.op(
                "MEAN",
                new Reduce(Reduce.Kind.MEAN, operand(1, 1, 2), true),
                g.input(1, 4, 5, 6),
                g.ints(new int[] {1, 2}, 2)));
    add.accept(
        "MEAN drop dims",
        g ->
            g.op(
                "MEAN",
                new Reduce(Reduce.Kind.MEAN, operand(1, 2, 1), false),
                g.input(1, 3, 5, 5),
                g.ints(new int[] {2, 1}, 2)));
    add.accept(
        "SLICE",
        g ->
            g.op(
                "SLICE",
                new Slice(operand(1, 0, 1, 0, 2), operand(2, 1, 2, -1, 3)),
                g.input(1, 4, 3, 6),
                g.ints(new int[] {0, 1, 0, 2}, 4),
                g.ints(new int[] {1, 2, -1, 3}, 4)));
    add.accept(
        "STRIDED_SLICE shrink",
        g ->
            g.op(
                "STRIDED_SLICE",
                new StridedSlice(
                    operand(1, 0, 1, 6), operand(2, 1, 5, 0), operand(3, 1, 2, -2), 0, 0, 1, false),
                g.input(1, 6, 7, 5),
                g.ints(new int[] {0, 1, 6}, 3),
                g.ints(new int[] {1, 5, 0}, 3),
                g.ints(new int[] {1, 2, -2}, 3)));
    add.accept(
        "TRANSPOSE",
        g ->
            g.op(
                "TRANSPOSE",
                new Transpose(operand(1, 0, 3, 1, 2)),
                g.input(1, 2, 3, 5),
                g.ints(new int[] {0, 3, 1, 2}, 4)));
    add.accept(
        "TRANSPOSE rank 3",
        g ->
            g.op(
                "TRANSPOSE",
                new Transpose(operand(1, 2, 0, 1)),
                g.input(3, 4, 5),
                g.ints(new int[] {2, 0, 1}, 3)));
    add.accept(
        "DEPTH_TO_SPACE by lanes",
        g -> g.op("DEPTH_TO_SPACE", new DepthToSpace(2), g.input(1, 3, 2, 12)));
    add.accept(
        "DEPTH_TO_SPACE by slices",
        g -> g.op("DEPTH_TO_SPACE", new DepthToSpace(2), g.input(2, 2, 3, 32)));
    add.accept(
        "SPACE_TO_DEPTH by lanes",
        g -> g.op("SPACE_TO_DEPTH", new SpaceToDepth(3), g.input(1, 6, 3, 2)));
    add.accept(
        "SPACE_TO_DEPTH by slices",
        g -> g.op("SPACE_TO_DEPTH", new SpaceToDepth(2), g.input(2, 4, 6, 8)));
    add.accept(
        "conv + add + hard_swish chain",
        g -> {
          int c =
              g.op(
                  "CONV_2D",
                  new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.NONE),
                  g.input(1, 5, 5, 3),
                  g.constant(1f, 6, 3, 3, 3),
                  g.constant(1f, 6));
          int a = g.op("ADD", new Add(Activation.NONE), c, g.constant(1f, 6));
          int m = g.op("MUL", new Mul(Activation.NONE), g.constant(1f, 1), a);
          g.op("HARD_SWISH", new HardSwish(), m);
        });
    add.accept(
        "depthwise + prelu + sub tensor",
        g -> {
          int x = g.input(1, 4, 4, 5);
          int d =
              g.op(
                  "DEPTHWISE_CONV_2D",
                  new DepthwiseConv2D(Padding.SAME, 1, 1, 1, 1, Activation.NONE),
                  x,
                  g.constant(1f, 1, 3, 3, 5),
                  g.constant(1f, 5));
          int p = g.op("PRELU", new Prelu(), d, g.constant(1f, 5));
          g.op("SUB", new Sub(Activation.NONE), x, p);
        });
    add.accept(
        "ADD tensors + RELU",
        g -> {
          // a residual ADD of two tensors: the RELU becomes the ADD kernel's epilogue
          int sum = g.op("ADD", new Add(Activation.NONE), g.input(1, 4, 3, 6), g.input(1, 4, 3, 6));
          g.op("RELU", new Relu(), sum);
        });
    add.accept(
        "TANH, LOGISTIC + ADD + RELU",
        g -> {
          // the ADD reads the TANH's output, computed before the LOGISTIC: it joins the LOGISTIC
          int a = g.op("TANH", new Tanh(), g.input(1, 4, 3, 6));
          int b = g.op("LOGISTIC", new Logistic(), g.input(1, 4, 3, 6));
          int sum = g.op("ADD", new Add(Activation.NONE), a, b);
          g.op("RELU", new Relu(), sum);
        });
    add.accept(
        "MAX_POOL_2D + MUL constant",
        g -> {
          int p =
              g.op(
                  "MAX_POOL_2D",
                  new MaxPool2D(new Pool2D(Padding.SAME, 2, 2, 3, 3, Activation.NONE)),
                  g.input(1, 7, 6, 5));
          g.op("MUL", new Mul(Activation.NONE), p, g.constant(1f, 5));
        });
    add.accept(
        "RESIZE_BILINEAR + ADD tensor",
        g -> {
          int r =
              g.op(
                  "RESIZE_BILINEAR",
                  new ResizeBilinear(operand(1, 6, 8), false, true),
                  g.input(1, 3, 4, 7),
                  g.ints(new int[] {6, 8}, 2));
          g.op("ADD", new Add(Activation.RELU6), g.input(1, 6, 8, 7), r);
        });
    add.accept(
        "MUL + ADD tensor + RELU6 after a MUL",
        g -> {
          // the MUL by a broadcast tensor takes the constant MUL, the ADD of a tensor and the RELU6
          int x = g.input(1, 3, 5, 6);
          int m = g.op("MUL", new Mul(Activation.NONE), x, g.input(1, 1, 1, 6));
          int k = g.op("MUL", new Mul(Activation.NONE), g.constant(1f, 1), m);
          int a = g.op("ADD", new Add(Activation.NONE), k, x);
          g.op("RELU6", new Relu6(), a);
        });
    add.accept(
        "CONCATENATION + SUB + HARD_SWISH",
        g -> {
          int c =
              g.op(
                  "CONCATENATION",
                  new Concatenation(3, Activation.NONE),
                  g.input(1, 3, 4, 3),
                  g.input(1, 3, 4, 2));
          int d = g.op("SUB", new Sub(Activation.NONE), g.constant(1f, 1, 1, 4, 1), c);
          g.op("HARD_SWISH", new HardSwish(), d);
        });
    add.accept(
        "MEAN + PRELU, SOFTMAX + DIV",
        g -> {
          // 64 positions: the mean is a split reduction, whose item 0 runs the epilogue
          int m =
              g.op(
                  "MEAN",
                  new Reduce(Reduce.Kind.MEAN, operand(1, 1, 2), true),
                  g.input(1, 8, 8, 6),
                  g.ints(new int[] {1, 2}, 2));
          int p = g.op("PRELU", new Prelu(), m, g.constant(1f, 6));
          int s = g.op("SOFTMAX", new Softmax(1f), p);
          g.op(
              "DIV",
              new Div(Activation.NONE),
              s,
              g.constant(new float[] {0.5f, -2f, 4f, 1f, 3f, 2f}, 6));
        });
    add.accept(
        "RELU, view, TANH",
        g -> {
          int r = g.op("RELU", new Relu(), g.input(1, 3, 4, 5));
          int v = g.op("RESHAPE", new Reshape(operand(-1, 1, 12, 5)), r);
          g.op("TANH", new Tanh(), v);
        });
    add.accept(
        "PAD merged into CONV_2D and DEPTHWISE_CONV_2D",
        g -> {
          int[] pads = {0, 0, 1, 2, 2, 0, 0, 0};
          int p =
              g.op("PAD", new Pad(operand(1, pads), 0), g.input(1, 5, 4, 3), g.ints(pads, 4, 2));
          int c =
              g.op(
                  "CONV_2D",
                  new Conv2D(Padding.VALID, 2, 1, 1, 1, Activation.RELU),
                  p,
                  g.constant(1f, 5, 3, 3, 3),
                  g.constant(1f, 5));
          int q = g.op("PAD", new Pad(operand(1, pads), 0), c, g.ints(pads, 4, 2));
          g.op(
              "DEPTHWISE_CONV_2D",
              new DepthwiseConv2D(Padding.SAME, 1, 1, 1, 1, Activation.NONE),
              q,
              g.constant(1f, 1, 3, 3, 5),
              g.constant(1f, 5));
        });
    add.accept(
        "PAD merged into MAX_POOL_2D and AVERAGE_POOL_2D",
        g -> {
          // the PAD's zeros are elements: they win a maximum of negatives and count in an average
          int[] pads = {0, 0, 1, 2, 2, 1, 0, 0};
          int p =
              g.op("PAD", new Pad(operand(1, pads), 0), g.input(1, 5, 4, 6), g.ints(pads, 4, 2));
          int m =
              g.op(
                  "MAX_POOL_2D",
                  new MaxPool2D(new Pool2D(Padding.SAME, 2, 2, 3, 3, Activation.NONE)),
                  p);
          int q = g.op("PAD", new Pad(operand(1, pads), 0), m, g.ints(pads, 4, 2));
          g.op(
              "AVERAGE_POOL_2D",
              new AveragePool2D(new Pool2D(Padding.SAME, 1, 2, 2, 3, Activation.RELU6)),
              q);
        });
    add.accept(
        "no-op RESHAPEs and identity ops between kernels",
        g -> {
          int r = g.op("RELU", new Relu(), g.input(1, 3, 4, 5));
          int v = g.op("RESHAPE", new Reshape(operand(-1, 1, 12, 5)), r);
          int[] zeros = new int[6];
          int z = g.op("PAD", new Pad(operand(1, zeros), 0), v, g.ints(zeros, 3, 2));
          int s = g.op("SOFTMAX", new Softmax(1f), z);
          g.op("RESHAPE", new Reshape(operand(-1, 12, 5)), s);
        });
    add.accept(
        "channel PAD merged into MAX_POOL_2D and AVERAGE_POOL_2D",
        g -> {
          // BlazePose's shortcut: pool, widen with zero channels, add the residual branch
          int[] widen = {0, 0, 0, 0, 0, 0, 0, 4};
          int m =
              g.op(
                  "MAX_POOL_2D",
                  new MaxPool2D(new Pool2D(Padding.SAME, 2, 2, 2, 2, Activation.NONE)),
                  g.input(1, 6, 5, 8));
          int w = g.op("PAD", new Pad(operand(1, widen), 0), m, g.ints(widen, 4, 2));
          int sum = g.op("ADD", new Add(Activation.RELU), w, g.input(1, 3, 3, 12));
          int a =
              g.op(
                  "AVERAGE_POOL_2D",
                  new AveragePool2D(new Pool2D(Padding.VALID, 1, 1, 2, 2, Activation.NONE)),
                  sum);
          int[] widenMore = {0, 0, 0, 0, 0, 0, 0, 9};
          g.op("PAD", new Pad(operand(1, widenMore), 0), a, g.ints(widenMore, 4, 2));
        });
    return cases;
  }

  /**
   * CONV_2D (RELU fused), MAX_POOL_2D and ADD of the pooling's output to itself: three kernels of
   * three op kinds (the ADD reads the pooled value twice, so it cannot be the pooling's epilogue),
   * small enough to autotune quickly on a software device.
   */
  public static Graph threeKernels() {
    GraphBuilder g = new GraphBuilder(11);
    int conv =
        g.op(
            "CONV_2D",
            new Conv2D(Padding.SAME, 1, 1, 1, 1, Activation.RELU),
            g.input(1, 16, 12, 3),
            g.constant(1f, 8, 3, 3, 3),
            g.constant(1f, 8));
    int pool =
        g.op(
            "MAX_POOL_2D",
            new MaxPool2D(new Pool2D(Padding.VALID, 2, 2, 2, 2, Activation.NONE)),
            conv);
    g.op("ADD", new Add(Activation.NONE), pool, pool);
    return g.build();
  }
}
