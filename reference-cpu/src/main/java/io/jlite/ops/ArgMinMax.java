package io.jlite.ops;

import io.jlite.DataType;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.tensorflow.lite.schema.ArgMaxOptionsT;
import org.tensorflow.lite.schema.ArgMinOptionsT;

/**
 * ARG_MAX and ARG_MIN: the index of the largest (smallest) element along {@code axis} (input 1, one
 * integer; negative counts from the end), which is removed from the output shape. Ties go to the
 * first index, as TFLite's strict comparison; a NaN never replaces the running best. The output
 * type is INT32 or INT64 per the options' {@code output_type} (the declared output's type when the
 * options are absent). Float and integer inputs.
 *
 * @param kind ARG_MAX or ARG_MIN
 * @param axis the reduced axis
 * @param outputType INT32 or INT64
 */
public record ArgMinMax(Kind kind, IntOperand axis, DataType outputType) implements Op {
  /** Which extreme. */
  public enum Kind {
    ARG_MAX,
    ARG_MIN
  }

  static ArgMinMax createMax(OpContext ctx) {
    ArgMaxOptionsT o = ctx.options(ArgMaxOptionsT.class, () -> null);
    return create(ctx, Kind.ARG_MAX, o == null ? null : o.getOutputType());
  }

  static ArgMinMax createMin(OpContext ctx) {
    ArgMinOptionsT o = ctx.options(ArgMinOptionsT.class, () -> null);
    return create(ctx, Kind.ARG_MIN, o == null ? null : o.getOutputType());
  }

  private static ArgMinMax create(OpContext ctx, Kind kind, Byte outputTypeCode) {
    ctx.requireInputCount(2, 2);
    DataType type;
    if (outputTypeCode != null) {
      type = DataType.fromSchemaCode(outputTypeCode).orElse(DataType.FLOAT32);
    } else if (!ctx.outputs().isEmpty()) {
      type = ctx.outputs().get(0).type();
    } else {
      type = DataType.INT64;
    }
    if (type != DataType.INT32 && type != DataType.INT64) {
      throw ctx.unsupported(kind + " output type " + outputTypeCode + " (only INT32 and INT64)");
    }
    return new ArgMinMax(kind, IntOperand.fromInput(ctx, 1), type);
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    int a = Indexing.axis(axis.scalar(in, kind.name()), rank, kind.name());
    int outer = Indexing.product(inShape, 0, a);
    int axisSize = inShape.dim(a);
    int inner = Indexing.product(inShape, a + 1, rank);
    int[] outDims = new int[rank - 1];
    for (int d = 0; d < rank - 1; d++) {
      outDims[d] = inShape.dim(d < a ? d : d + 1);
    }
    int[] output = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        double bestValue = axisSize == 0 ? 0 : in[0].getDouble(o * axisSize * inner + i);
        for (int k = 1; k < axisSize; k++) {
          double value = in[0].getDouble((o * axisSize + k) * inner + i);
          if (kind == Kind.ARG_MAX ? value > bestValue : value < bestValue) {
            best = k;
            bestValue = value;
          }
        }
        output[o * inner + i] = best;
      }
    }
    return new NdArray[] {NdArray.ofInts(outputType, Shape.of(outDims), output)};
  }
}
