package io.jlite.conformance.gen;

import io.jlite.conformance.CaseBuilder;
import io.jlite.conformance.ConformanceCase;
import io.jlite.conformance.gen.Gen.Act;
import io.jlite.conformance.gen.Gen.Pad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.MulOptionsT;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.ResizeBilinearOptionsT;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptionsT;
import org.tensorflow.lite.schema.SubOptionsT;

/**
 * Random graphs of 2-8 ops over NHWC tensors: elementwise ops, convolutions, pooling,
 * concatenation, reshape and resize, with consistent shapes. Each step reads the newest tensor and,
 * for binary ops, an earlier one (a DAG, not only a chain) or a constant when no earlier tensor has
 * the shape it needs. Every tensor no later op reads is a graph output, so every op is compared.
 *
 * <p>These are the cases that catch what single-op cases cannot: fusion of an elementwise op into
 * its producer, layout changes between ops (GPU backends store PHWC4), buffer reuse between
 * tensors.
 */
public final class GraphSpecs {
  private GraphSpecs() {}

  /** The kinds of step. */
  enum Kind {
    ADD,
    SUB,
    MUL,
    RELU,
    RELU6,
    LOGISTIC,
    TANH,
    HARD_SWISH,
    CONV_2D,
    DEPTHWISE_CONV_2D,
    AVERAGE_POOL_2D,
    MAX_POOL_2D,
    CONCATENATION,
    RESHAPE,
    RESIZE_BILINEAR,
    RESIZE_NEAREST_NEIGHBOR
  }

  /**
   * One step: its kind and two small parameters whose meaning depends on the kind (channels,
   * kernel, stride, padding, activation, target size), and which earlier tensor a binary op pairs
   * with.
   */
  record Step(Kind kind, int p1, int p2, int partner) {}

  /** The graph: its input shape and steps. */
  record GraphCase(int batch, int height, int width, int channels, List<Step> steps, long seed) {}

  /** A tensor of the graph being built and its NHWC shape (compared by identity). */
  private static final class Value {
    private final int tensor;
    private final int[] shape;

    Value(int tensor, int[] shape) {
      this.tensor = tensor;
      this.shape = shape.clone();
    }

    int tensor() {
      return tensor;
    }

    int[] shape() {
      return shape.clone();
    }

    boolean sameShape(int[] other) {
      return Arrays.equals(shape, other);
    }
  }

  /** The fused activations a step picks from. */
  private static final List<Act> ACTIVATIONS =
      List.of(Act.NONE, Act.RELU, Act.RELU_N1_TO_1, Act.RELU6);

  /** Random graphs of 2 to 8 steps; shrinking removes steps and simplifies the rest. */
  public static Arbitrary<ConformanceCase> graphs() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Gen.between(0, 63),
                Gen.between(0, 63),
                Gen.between(0, 7))
            .as(Step::new);
    return Combinators.combine(
            Gen.size(2),
            Gen.size(8),
            Gen.size(8),
            Gen.size(6),
            step.list().ofMinSize(2).ofMaxSize(8),
            Gen.seed())
        .as(GraphCase::new)
        .map(GraphSpecs::build);
  }

  static ConformanceCase build(GraphCase g) {
    CaseBuilder b = new CaseBuilder(g.seed());
    int[] inShape = {g.batch(), g.height(), g.width(), g.channels()};
    List<Value> values = new ArrayList<>();
    values.add(new Value(b.input(inShape, -2, 2), inShape));
    Set<Integer> unread = new LinkedHashSet<>();
    List<String> described = new ArrayList<>();
    for (Step s : g.steps()) {
      Value x = values.get(values.size() - 1);
      unread.remove(x.tensor());
      Value y = step(b, s, x, values, unread, described);
      values.add(y);
      unread.add(y.tensor());
    }
    for (int t : unread) {
      b.output(t);
    }
    return b.build(
        "graph input="
            + Arrays.toString(inShape)
            + " seed="
            + g.seed()
            + " ops="
            + String.join(" -> ", described));
  }

  private static Value step(
      CaseBuilder b,
      Step s,
      Value x,
      List<Value> values,
      Set<Integer> unread,
      List<String> described) {
    int[] in = x.shape();
    int n = in[0];
    int h = in[1];
    int w = in[2];
    int c = in[3];
    Act act = ACTIVATIONS.get(s.p1() % ACTIVATIONS.size());
    switch (s.kind()) {
      case ADD, SUB, MUL -> {
        Value other = partner(values, s.partner(), v -> v.sameShape(in) && v != x);
        int y;
        String with;
        if (other != null) {
          unread.remove(other.tensor());
          y = other.tensor();
          with = "t" + other.tensor();
        } else {
          // A per-channel constant, broadcast over N, H and W.
          y = b.constant(new int[] {c}, -1, 1);
          with = "const[" + c + "]";
        }
        Object o =
            switch (s.kind()) {
              case ADD -> {
                AddOptionsT a = new AddOptionsT();
                a.setFusedActivationFunction(act.code);
                yield a;
              }
              case SUB -> {
                SubOptionsT a = new SubOptionsT();
                a.setFusedActivationFunction(act.code);
                yield a;
              }
              default -> {
                MulOptionsT a = new MulOptionsT();
                a.setFusedActivationFunction(act.code);
                yield a;
              }
            };
        described.add(s.kind() + "(" + with + ", " + act + ")");
        return new Value(b.op1(s.kind().name(), o, x.tensor(), y), in);
      }
      case RELU, RELU6, LOGISTIC, TANH, HARD_SWISH -> {
        described.add(s.kind().name());
        return new Value(b.op1(s.kind().name(), null, x.tensor()), in);
      }
      case CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D -> {
        int k = 1 + s.p2() % 3;
        int stride = 1 + (s.p2() / 3) % 2;
        Pad pad = (s.p2() / 6) % 2 == 1 && h >= k && w >= k ? Pad.VALID : Pad.SAME;
        int outH = Gen.outSize(pad, h, k, stride, 1);
        int outW = Gen.outSize(pad, w, k, stride, 1);
        String window = k + "x" + k + "/" + stride + " " + pad + " " + act;
        switch (s.kind()) {
          case CONV_2D -> {
            int outC = 1 + (s.p1() / 4) % 8;
            Conv2DOptionsT o = new Conv2DOptionsT();
            o.setPadding(pad.code);
            o.setStrideH(stride);
            o.setStrideW(stride);
            o.setDilationHFactor(1);
            o.setDilationWFactor(1);
            o.setFusedActivationFunction(act.code);
            int f = b.constant(new int[] {outC, k, k, c}, -1, 1);
            int bias = b.constant(new int[] {outC}, -1, 1);
            described.add("CONV_2D(" + outC + " ch, " + window + ")");
            return new Value(
                b.op1("CONV_2D", o, x.tensor(), f, bias), new int[] {n, outH, outW, outC});
          }
          case DEPTHWISE_CONV_2D -> {
            int mult = 1 + (s.p1() / 4) % 2;
            DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
            o.setPadding(pad.code);
            o.setStrideH(stride);
            o.setStrideW(stride);
            o.setDilationHFactor(1);
            o.setDilationWFactor(1);
            o.setDepthMultiplier(mult);
            o.setFusedActivationFunction(act.code);
            int f = b.constant(new int[] {1, k, k, c * mult}, -1, 1);
            int bias = b.constant(new int[] {c * mult}, -1, 1);
            described.add("DEPTHWISE_CONV_2D(x" + mult + ", " + window + ")");
            int y = b.op1("DEPTHWISE_CONV_2D", 2, o, x.tensor(), f, bias);
            return new Value(y, new int[] {n, outH, outW, c * mult});
          }
          default -> {
            Pool2DOptionsT o = new Pool2DOptionsT();
            o.setPadding(pad.code);
            o.setFilterHeight(k);
            o.setFilterWidth(k);
            o.setStrideH(stride);
            o.setStrideW(stride);
            o.setFusedActivationFunction(act.code);
            described.add(s.kind() + "(" + window + ")");
            return new Value(b.op1(s.kind().name(), o, x.tensor()), new int[] {n, outH, outW, c});
          }
        }
      }
      case CONCATENATION -> {
        Value other =
            partner(
                values,
                s.partner(),
                v -> v != x && v.shape()[0] == n && v.shape()[1] == h && v.shape()[2] == w);
        int y;
        int otherC;
        String with;
        if (other != null) {
          unread.remove(other.tensor());
          y = other.tensor();
          otherC = other.shape()[3];
          with = "t" + other.tensor();
        } else {
          otherC = 1 + s.p1() % 3;
          y = b.constant(new int[] {n, h, w, otherC}, -1, 1);
          with = "const";
        }
        ConcatenationOptionsT o = new ConcatenationOptionsT();
        o.setAxis(3);
        described.add("CONCATENATION(" + with + ", axis 3)");
        return new Value(b.op1("CONCATENATION", o, x.tensor(), y), new int[] {n, h, w, c + otherC});
      }
      case RESHAPE -> {
        // Same elements, H and W exchanged: a layout change, not a transpose.
        int[] shape = {n, w, h, c};
        ReshapeOptionsT o = new ReshapeOptionsT();
        o.setNewShape(shape);
        described.add("RESHAPE(" + Arrays.toString(shape) + ")");
        return new Value(b.op1("RESHAPE", o, x.tensor(), b.ints(shape)), shape);
      }
      case RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR -> {
        int outH = 1 + s.p1() % 8;
        int outW = 1 + s.p2() % 8;
        boolean align = s.partner() % 3 == 1;
        boolean half = s.partner() % 3 == 2;
        Object o;
        if (s.kind() == Kind.RESIZE_BILINEAR) {
          ResizeBilinearOptionsT r = new ResizeBilinearOptionsT();
          r.setAlignCorners(align);
          r.setHalfPixelCenters(half);
          o = r;
        } else {
          ResizeNearestNeighborOptionsT r = new ResizeNearestNeighborOptionsT();
          r.setAlignCorners(align);
          r.setHalfPixelCenters(half);
          o = r;
        }
        described.add(
            s.kind()
                + "("
                + outH
                + "x"
                + outW
                + (align ? ", align_corners" : "")
                + (half ? ", half_pixel" : "")
                + ")");
        int y = b.op1(s.kind().name(), half ? 3 : 1, o, x.tensor(), b.ints(outH, outW));
        return new Value(y, new int[] {n, outH, outW, c});
      }
    }
    throw new IllegalStateException("unhandled step " + s);
  }

  /** The {@code choice}-th earlier value (cyclically) that {@code fits}, or null if none does. */
  private static Value partner(
      List<Value> values, int choice, java.util.function.Predicate<Value> fits) {
    List<Value> candidates = values.stream().filter(fits).toList();
    return candidates.isEmpty() ? null : candidates.get(choice % candidates.size());
  }
}
