package io.jlite.ops;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsWeightsFormat;

/**
 * FULLY_CONNECTED: a matrix product with weights [units, depth] and an optional bias [units].
 *
 * <p>The input, of any rank, is read as a matrix [numElements / depth, depth] (its element count
 * must be a multiple of {@code depth}); then {@code out[r, u] = activation(Σ_d in[r, d] ·
 * weights[u, d] + bias[u])}. The output shape is [numElements / depth, units], or, with {@code
 * keep_num_dims}, the input's shape with its last dimension (which must then be {@code depth})
 * replaced by {@code units}. Only float weights in the DEFAULT format are supported.
 *
 * @param keepNumDims keep the input's rank instead of flattening to 2-D
 * @param activation the fused activation
 *     <p>Products are summed in double precision and rounded to float once: the reference stays as
 *     close to the exact sum as fp32 storage allows, whatever order a faster kernel sums in.
 */
public record FullyConnected(boolean keepNumDims, Activation activation) implements Op {

  static FullyConnected create(OpContext ctx) {
    ctx.requireInputCount(2, 3);
    FullyConnectedOptionsT o =
        ctx.options(FullyConnectedOptionsT.class, FullyConnectedOptionsT::new);
    if (o.getWeightsFormat() != FullyConnectedOptionsWeightsFormat.DEFAULT) {
      throw ctx.unsupported(
          "weights format "
              + FullyConnectedOptionsWeightsFormat.name(o.getWeightsFormat())
              + " is not supported (only DEFAULT)");
    }
    if (o.getAsymmetricQuantizeInputs()) {
      throw ctx.unsupported("asymmetric_quantize_inputs (hybrid quantization) is not supported");
    }
    for (int i = 0; i < 2; i++) {
      TensorSpec t = ctx.input(i);
      if (!t.type().isFloating()) {
        throw ctx.unsupported(
            (i == 0 ? "input " : "weights ")
                + t.describe()
                + " of type "
                + t.type()
                + " is not supported (quantized or hybrid); only float");
      }
    }
    return new FullyConnected(
        o.getKeepNumDims(), Activation.fromSchema(o.getFusedActivationFunction(), ctx));
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    Shape weightsShape = in[1].shape();
    if (weightsShape.rank() != 2 || weightsShape.dim(1) == 0) {
      throw new ShapeMismatchException(
          "FULLY_CONNECTED needs weights [units, depth] with depth ≥ 1, got " + weightsShape);
    }
    final int units = weightsShape.dim(0);
    final int depth = weightsShape.dim(1);
    final int numElements = inShape.size();
    if (numElements % depth != 0) {
      throw new ShapeMismatchException(
          "FULLY_CONNECTED input "
              + inShape
              + " has "
              + numElements
              + " elements, not a multiple of the weights depth "
              + depth);
    }
    final int rows = numElements / depth;
    float[] bias = in.length > 2 && in[2] != null ? in[2].floats() : null;
    if (bias != null && bias.length != units) {
      throw new ShapeMismatchException(
          "FULLY_CONNECTED bias has " + bias.length + " elements for " + units + " units");
    }
    Shape outShape;
    if (keepNumDims) {
      if (inShape.rank() == 0 || inShape.dim(-1) != depth) {
        throw new ShapeMismatchException(
            "FULLY_CONNECTED with keep_num_dims needs the input's last dimension to be the"
                + " weights depth "
                + depth
                + ", got input "
                + inShape);
      }
      int[] dims = inShape.toArray();
      dims[dims.length - 1] = units;
      outShape = Shape.of(dims);
    } else {
      outShape = Shape.of(rows, units);
    }

    float[] input = in[0].floats();
    float[] weights = in[1].floats();
    float[] output = new float[outShape.size()];
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < units; u++) {
        double sum = 0;
        for (int d = 0; d < depth; d++) {
          sum += (double) input[r * depth + d] * weights[u * depth + d];
        }
        // TFLite adds the bias after the dot product.
        float biasValue = bias == null ? 0f : bias[u];
        output[r * units + u] = activation.apply((float) (sum + biasValue));
      }
    }
    return new NdArray[] {NdArray.of(outShape, output)};
  }
}
