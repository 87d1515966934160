package io.jlite.gpu.fusion;

import io.jlite.DataType;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Activation;
import io.jlite.ops.Add;
import io.jlite.ops.Conv2D;
import io.jlite.ops.DepthwiseConv2D;
import io.jlite.ops.Div;
import io.jlite.ops.FullyConnected;
import io.jlite.ops.Mul;
import io.jlite.ops.Op;
import io.jlite.ops.Sub;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds a MUL, DIV, ADD or SUB by a constant into the weights and bias of the CONV_2D,
 * DEPTHWISE_CONV_2D or FULLY_CONNECTED that produces its other operand, so the elementwise op costs
 * nothing at run time (the batch-norm folding of converters, done once more here because exported
 * models still carry such ops).
 *
 * <p>The elementwise op is a per-output-channel affine map {@code y = a[c]·v + b[c]} of the layer's
 * output v: MUL by k is {@code a = k}, DIV by k is {@code a = 1/k}, ADD k is {@code b = k}, {@code
 * v − k} is {@code b = −k} and {@code k − v} is {@code a = −1, b = k}. Since the layer computes
 * {@code v[c] = Σ w[c, …]·x + bias[c]}, the folded layer has weights {@code w[c, …]·a[c]} and bias
 * {@code bias[c]·a[c] + b[c]} (a bias is created when the layer had none), and takes over the
 * elementwise op's fused activation. It applies when
 *
 * <ul>
 *   <li>the layer has constant float weights (and bias) and fused activation NONE (an activation
 *       between the two ops is not affine);
 *   <li>the layer's output is read by the elementwise op alone, once, and is no graph output;
 *   <li>the constant is finite and a scalar or a per-channel vector ({@code [C]}, {@code [1, 1, 1,
 *       C]}: every axis but the last of size 1), and the result keeps the layer's output shape;
 *   <li>for DIV, the layer's output is the dividend and no divisor is 0.
 * </ul>
 *
 * <p>Results equal the unfolded graph's up to rounding (the scale is applied to each weight instead
 * of to the sum), a few float ulps.
 */
public final class FoldAffineIntoWeights implements GraphPass {
  @Override
  public Graph apply(Graph graph) {
    List<TensorSpec> tensors = new ArrayList<>(graph.tensors());
    List<Node> nodes = new ArrayList<>(graph.nodes());
    boolean changed = true;
    while (changed) {
      changed = false;
      Graph current = new Graph(graph.source(), tensors, nodes, graph.inputs(), graph.outputs());
      Usage usage = new Usage(current);
      for (int i = 0; i < nodes.size() && !changed; i++) {
        Node layer = nodes.get(i);
        Optional<Layer> kind = Layer.of(current, layer);
        if (kind.isEmpty()) {
          continue;
        }
        int value = layer.outputs().get(0);
        Optional<Node> lone = usage.loneReader(value);
        if (lone.isEmpty()) {
          continue;
        }
        Node consumer = lone.get();
        Optional<Affine> affine = Affine.of(current, consumer, value, kind.get().channels);
        if (affine.isPresent()) {
          nodes.set(i, kind.get().fold(tensors, affine.get(), consumer));
          nodes.remove(consumer);
          changed = true;
        }
      }
    }
    return new Graph(graph.source(), tensors, nodes, graph.inputs(), graph.outputs());
  }

  /**
   * A per-channel affine map {@code y = scale[c]·v + shift[c]} and the activation applied after it.
   */
  private static final class Affine {
    final float[] scale;
    final float[] shift;
    final Activation activation;

    Affine(float[] scale, float[] shift, Activation activation) {
      this.scale = scale;
      this.shift = shift;
      this.activation = activation;
    }

    /** The elementwise op {@code consumer} as an affine map of {@code value}, if it is one. */
    static Optional<Affine> of(Graph graph, Node consumer, int value, int channels) {
      Op op = consumer.op();
      if (consumer.inputs().size() != 2 || consumer.outputs().size() != 1) {
        return Optional.empty();
      }
      boolean valueFirst = consumer.inputs().get(0) == value;
      TensorSpec other = graph.tensor(consumer.inputs().get(valueFirst ? 1 : 0));
      Shape shape = graph.tensor(value).shape();
      if (!graph.tensor(consumer.outputs().get(0)).shape().equals(shape)
          || other.quantization().isQuantized()) {
        return Optional.empty();
      }
      Optional<float[]> k = perChannel(other, shape.rank(), channels);
      if (k.isEmpty()) {
        return Optional.empty();
      }
      float[] ones = new float[channels];
      java.util.Arrays.fill(ones, 1f);
      float[] zeros = new float[channels];
      float[] c = k.get();
      if (op instanceof Mul m) {
        return Optional.of(new Affine(c, zeros, m.activation()));
      } else if (op instanceof Add a) {
        return Optional.of(new Affine(ones, c, a.activation()));
      } else if (op instanceof Sub s) {
        return Optional.of(
            valueFirst
                ? new Affine(ones, negated(c), s.activation())
                : new Affine(negated(ones), c, s.activation()));
      } else if (op instanceof Div d && valueFirst) {
        float[] inverse = new float[channels];
        for (int i = 0; i < channels; i++) {
          if (c[i] == 0f) {
            return Optional.empty();
          }
          inverse[i] = 1f / c[i];
        }
        return Optional.of(new Affine(inverse, zeros, d.activation()));
      }
      return Optional.empty();
    }

    /**
     * The constant's value per output channel: a scalar repeated, or a vector whose axes are all 1
     * but the last, which is {@code channels}; its rank must not exceed the output's (else it would
     * broadcast the output to a higher rank).
     */
    private static Optional<float[]> perChannel(TensorSpec t, int outputRank, int channels) {
      Optional<float[]> data =
          t.constant().filter(NdArray::isFloating).map(NdArray::floats).filter(d -> finite(d));
      Shape s = t.shape();
      if (data.isEmpty() || s.rank() > outputRank) {
        return Optional.empty();
      }
      float[] d = data.get();
      float[] out = new float[channels];
      if (d.length == 1) {
        java.util.Arrays.fill(out, d[0]);
        return Optional.of(out);
      }
      if (d.length != channels || s.dim(-1) != channels) {
        return Optional.empty();
      }
      return Optional.of(d.clone());
    }

    private static boolean finite(float[] d) {
      for (float v : d) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
      return true;
    }

    private static float[] negated(float[] v) {
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = -v[i];
      }
      return out;
    }
  }

  /**
   * A layer whose weights can absorb a per-channel scale: how its weights map to output channels
   * ({@code channelsFirst}: channel = leading axis, as CONV_2D [outC, kH, kW, inC] and
   * FULLY_CONNECTED [units, depth]; else the last axis, as DEPTHWISE_CONV_2D [1, kH, kW, C·m]).
   */
  private static final class Layer {
    final Node node;
    final float[] weights;
    final Optional<float[]> bias;
    final int channels;
    final boolean channelsFirst;

    Layer(Node node, float[] weights, Optional<float[]> bias, int channels, boolean channelsFirst) {
      this.node = node;
      this.weights = weights;
      this.bias = bias;
      this.channels = channels;
      this.channelsFirst = channelsFirst;
    }

    static Optional<Layer> of(Graph graph, Node node) {
      boolean conv = node.op() instanceof Conv2D c && c.activation() == Activation.NONE;
      boolean depthwise =
          node.op() instanceof DepthwiseConv2D d && d.activation() == Activation.NONE;
      boolean fc = node.op() instanceof FullyConnected f && f.activation() == Activation.NONE;
      if (!(conv || depthwise || fc)
          || node.inputs().size() < 2
          || node.outputs().size() != 1
          || !graph.tensor(node.outputs().get(0)).type().isFloating()) {
        return Optional.empty();
      }
      Optional<float[]> weights = floatConstant(graph, node.inputs().get(1));
      boolean hasBias = node.inputs().size() > 2 && node.inputs().get(2) >= 0;
      Optional<float[]> bias =
          hasBias ? floatConstant(graph, node.inputs().get(2)) : Optional.empty();
      if (weights.isEmpty() || (hasBias && bias.isEmpty())) {
        return Optional.empty();
      }
      Shape w = graph.tensor(node.inputs().get(1)).shape();
      int channels = depthwise ? w.dim(-1) : w.dim(0);
      if (bias.isPresent() && bias.get().length != channels) {
        return Optional.empty();
      }
      return Optional.of(new Layer(node, weights.get(), bias, channels, !depthwise));
    }

    private static Optional<float[]> floatConstant(Graph graph, int tensor) {
      TensorSpec t = graph.tensor(tensor);
      return t.quantization().isQuantized()
          ? Optional.empty()
          : t.constant().filter(NdArray::isFloating).map(NdArray::floats);
    }

    /**
     * The layer with {@code affine} folded in, writing {@code consumer}'s output; new weight and
     * bias tensors are appended to {@code tensors}.
     */
    Node fold(List<TensorSpec> tensors, Affine affine, Node consumer) {
      List<Integer> inputs = new ArrayList<>(node.inputs());
      TensorSpec w = tensors.get(inputs.get(1));
      float[] scaled = new float[weights.length];
      int perChannel = weights.length / channels;
      for (int i = 0; i < weights.length; i++) {
        int c = channelsFirst ? i / perChannel : i % channels;
        scaled[i] = weights[i] * affine.scale[c];
      }
      float[] oldBias = bias.orElse(new float[channels]);
      float[] newBias = new float[channels];
      for (int c = 0; c < channels; c++) {
        newBias[c] = oldBias[c] * affine.scale[c] + affine.shift[c];
      }
      String what = " (op #" + consumer.index() + " folded in)";
      inputs.set(1, append(tensors, w.name() + what, w.shape(), scaled));
      while (inputs.size() < 3) {
        inputs.add(-1);
      }
      String biasName = inputs.get(2) >= 0 ? tensors.get(inputs.get(2)).name() : "bias";
      inputs.set(2, append(tensors, biasName + what, Shape.of(channels), newBias));
      return new Node(
          node.index(),
          node.opName(),
          inputs,
          consumer.outputs(),
          withActivation(node.op(), affine.activation));
    }

    private static int append(List<TensorSpec> tensors, String name, Shape shape, float[] data) {
      int index = tensors.size();
      tensors.add(
          new TensorSpec(
              index,
              name,
              DataType.FLOAT32,
              shape,
              Quantization.NONE,
              Optional.of(NdArray.of(shape, data))));
      return index;
    }

    private static Op withActivation(Op op, Activation a) {
      if (op instanceof Conv2D c) {
        return new Conv2D(c.padding(), c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), a);
      } else if (op instanceof DepthwiseConv2D d) {
        return new DepthwiseConv2D(
            d.padding(), d.strideH(), d.strideW(), d.dilationH(), d.dilationW(), a);
      }
      return new FullyConnected(((FullyConnected) op).keepNumDims(), a);
    }
  }
}
