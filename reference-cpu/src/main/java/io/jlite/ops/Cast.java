package io.jlite.ops;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import java.util.Set;

/**
 * CAST: converts each element from the input tensor's declared type to the output's, as C++'s
 * {@code static_cast}. Supported: from FLOAT32, FLOAT16, INT32 or BOOL to FLOAT32, INT32 or BOOL.
 *
 * <ul>
 *   <li>float → INT32 truncates toward zero ({@code 2.7 → 2}, {@code -2.7 → -2}); where C++ is
 *       undefined, Java's rule is used: NaN → 0, out-of-range values saturate.
 *   <li>INT32 → FLOAT32 rounds to the nearest float (exact up to 2^24).
 *   <li>anything → BOOL is {@code x != 0} (NaN → true); BOOL → number is 0 or 1.
 * </ul>
 *
 * The types come from the tensors, as in TFLite; the options' copies of them are ignored.
 *
 * @param from the input type
 * @param to the output type
 */
public record Cast(DataType from, DataType to) implements Op {
  private static final Set<DataType> FROM =
      Set.of(DataType.FLOAT32, DataType.FLOAT16, DataType.INT32, DataType.BOOL);
  private static final Set<DataType> TO = Set.of(DataType.FLOAT32, DataType.INT32, DataType.BOOL);

  static Cast create(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    if (ctx.outputs().size() != 1) {
      throw ctx.formatError("has " + ctx.outputs().size() + " outputs, expected 1");
    }
    DataType from = ctx.input(0).type();
    DataType to = ctx.outputs().get(0).type();
    if (!FROM.contains(from) || !TO.contains(to)) {
      throw ctx.unsupported(
          "cast from "
              + from
              + " to "
              + to
              + " is not supported (from FLOAT32, FLOAT16, INT32, BOOL to FLOAT32, INT32, BOOL)");
    }
    return new Cast(from, to);
  }

  @Override
  public NdArray[] apply(NdArray[] in) {
    NdArray input = in[0];
    if (input.isFloating() != from.isFloating()) {
      throw new ShapeMismatchException("CAST expects " + from + ", got " + input.type());
    }
    int n = input.shape().size();
    if (to == DataType.FLOAT32) {
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = (float) input.getDouble(i);
      }
      return new NdArray[] {NdArray.of(input.shape(), out)};
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double x = input.getDouble(i);
      out[i] = to == DataType.BOOL ? (x != 0 ? 1 : 0) : (int) x;
    }
    return new NdArray[] {NdArray.ofInts(to, input.shape(), out)};
  }
}
