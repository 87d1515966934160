package io.jlite.ops;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.lite.schema.ReducerOptionsT;

/**
 * MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD: reduce a float tensor over the axes in input 1
 * (an integer vector; negative counts from the end; repeats count once; empty reduces nothing).
 * Each output element combines the input elements that agree with it on the kept axes, visited in
 * row-major order and accumulated in {@code float} as TFLite's reference kernels do: the sum (MEAN
 * then divides by the number of combined elements), the product, the maximum or the minimum (the
 * identities are 0, 1, {@code -Float.MAX_VALUE} and {@code Float.MAX_VALUE}, which an empty
 * reduction returns; a NaN never replaces the running maximum or minimum). With {@code keep_dims}
 * the reduced axes stay with size 1, else they are removed.
 *
 * @param kind which reduction
 * @param axes the reduced axes
 * @param keepDims keep the reduced axes with size 1
 */
public record Reduce(Kind kind, IntOperand axes, boolean keepDims) implements Op {
  /** The reduction, by TFLite op name. */
  public enum Kind {
    MEAN("MEAN"),
    SUM("SUM"),
    MAX("REDUCE_MAX"),
    MIN("REDUCE_MIN"),
    PROD("REDUCE_PROD");

    private final String opName;

    Kind(String opName) {
      this.opName = opName;
    }

    /** The TFLite operator name. */
    public String opName() {
      return opName;
    }

    float identity() {
      return switch (this) {
        case MEAN, SUM -> 0f;
        case PROD -> 1f;
        case MAX -> -Float.MAX_VALUE;
        case MIN -> Float.MAX_VALUE;
      };
    }

    float combine(float acc, float x) {
      return switch (this) {
        case MEAN, SUM -> acc + x;
        case PROD -> acc * x;
        case MAX -> x > acc ? x : acc;
        case MIN -> x < acc ? x : acc;
      };
    }
  }

  /** The factory for one kind. */
  static OpFactory factory(Kind kind) {
    return ctx -> {
      ctx.requireInputCount(2, 2);
      if (!ctx.input(0).type().isFloating()) {
        throw ctx.unsupported(kind.opName() + " of " + ctx.input(0).type() + " tensors");
      }
      ReducerOptionsT o = ctx.options(ReducerOptionsT.class, ReducerOptionsT::new);
      return new Reduce(kind, IntOperand.fromInput(ctx, 1), o.getKeepDims());
    };
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    Shape inShape = in[0].shape();
    int rank = inShape.rank();
    boolean[] reduced = new boolean[rank];
    for (int axis : axes.values(in)) {
      reduced[Indexing.axis(axis, rank, kind.opName())] = true;
    }
    // outStride[d]: how far output index moves per step along input axis d (0 if reduced)
    int[] outStride = new int[rank];
    List<Integer> outDims = new ArrayList<>();
    long combined = 1;
    int stride = 1;
    for (int d = rank - 1; d >= 0; d--) {
      if (reduced[d]) {
        combined *= inShape.dim(d);
      } else {
        outStride[d] = stride;
        stride *= inShape.dim(d);
      }
      if (!reduced[d] || keepDims) {
        outDims.add(0, reduced[d] ? 1 : inShape.dim(d));
      }
    }
    Shape outShape = Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray());
    float[] input = in[0].floats();
    float[] output = new float[outShape.size()];
    Arrays.fill(output, kind.identity());
    int[] dims = inShape.toArray();
    int[] index = new int[rank];
    for (int i = 0; i < input.length; i++) {
      int o = 0;
      for (int d = 0; d < rank; d++) {
        o += index[d] * outStride[d];
      }
      output[o] = kind.combine(output[o], input[i]);
      Indexing.next(index, dims);
    }
    if (kind == Kind.MEAN) {
      for (int o = 0; o < output.length; o++) {
        output[o] = output[o] / (float) combined;
      }
    }
    return new NdArray[] {NdArray.ofFloats(in[0].type(), outShape, output)};
  }
}
