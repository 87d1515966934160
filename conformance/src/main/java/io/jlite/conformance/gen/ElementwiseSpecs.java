package io.jlite.conformance.gen;

import io.jlite.conformance.CaseBuilder;
import io.jlite.conformance.ConformanceCase;
import io.jlite.conformance.Shapes;
import io.jlite.conformance.gen.Gen.Act;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.CastOptionsT;
import org.tensorflow.lite.schema.DimensionMetadataT;
import org.tensorflow.lite.schema.DimensionType;
import org.tensorflow.lite.schema.DivOptionsT;
import org.tensorflow.lite.schema.GeluOptionsT;
import org.tensorflow.lite.schema.Int32VectorT;
import org.tensorflow.lite.schema.LeakyReluOptionsT;
import org.tensorflow.lite.schema.MulOptionsT;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparseIndexVectorUnion;
import org.tensorflow.lite.schema.SparsityParametersT;
import org.tensorflow.lite.schema.SubOptionsT;
import org.tensorflow.lite.schema.TensorType;

/** Generators of the elementwise ops: activations, math functions, binary arithmetic, casts. */
final class ElementwiseSpecs {
  private ElementwiseSpecs() {}

  /** Unary ops without options, with the input range each is checked on. */
  private static final List<Unary> UNARY =
      List.of(
          new Unary("LOGISTIC", -8, 8),
          new Unary("TANH", -6, 6),
          new Unary("RELU", -8, 8),
          new Unary("RELU6", -8, 8),
          new Unary("RELU_N1_TO_1", -3, 3),
          new Unary("RELU_0_TO_1", -3, 3),
          new Unary("HARD_SWISH", -6, 6),
          new Unary("ELU", -6, 6),
          new Unary("EXP", -8, 8),
          // Positive inputs only: the functions are undefined (NaN) below 0 in both engines.
          new Unary("LOG", 0.01, 8),
          new Unary("SQRT", 0, 8),
          new Unary("RSQRT", 0.01, 8),
          new Unary("ABS", -8, 8),
          new Unary("NEG", -8, 8),
          new Unary("SQUARE", -8, 8),
          new Unary("SIN", -8, 8),
          new Unary("COS", -8, 8),
          new Unary("FLOOR", -8, 8),
          new Unary("CEIL", -8, 8),
          new Unary("ROUND", -8, 8));

  /** Ops whose inputs are snapped to quarters, so that ties and whole numbers occur. */
  private static final Set<String> QUARTERS = Set.of("FLOOR", "CEIL", "ROUND");

  record Unary(String opName, double lo, double hi) {}

  static List<OpSpec> all() {
    List<OpSpec> specs = new ArrayList<>();
    for (Unary u : UNARY) {
      specs.add(new OpSpec(u.opName(), unary(u)));
    }
    specs.add(new OpSpec("LEAKY_RELU", leakyRelu()));
    specs.add(new OpSpec("GELU", gelu()));
    specs.add(new OpSpec("CAST", cast()));
    for (String op : List.of("ADD", "SUB", "MUL", "DIV")) {
      specs.add(new OpSpec(op, binary(op, true)));
    }
    for (String op : List.of("MAXIMUM", "MINIMUM", "SQUARED_DIFFERENCE", "POW")) {
      specs.add(new OpSpec(op, binary(op, false)));
    }
    specs.add(new OpSpec("PRELU", prelu()));
    specs.add(new OpSpec("DEQUANTIZE", dequantize()));
    specs.add(new OpSpec("DENSIFY", densify()));
    return specs;
  }

  /** A unary op on one input; {@code options} is the schema options object or null. */
  record UnaryCase(String opName, List<Integer> shape, String optionText, long seed) {
    ConformanceCase build(double lo, double hi, Object options) {
      CaseBuilder b = new CaseBuilder(seed);
      int[] dims = Gen.arr(shape);
      float[] values = b.uniform(Shapes.size(dims), lo, hi);
      if (QUARTERS.contains(opName)) {
        for (int i = 0; i < values.length; i++) {
          values[i] = Math.round(values[i] * 4) / 4f;
        }
      }
      int x = b.input(dims, values);
      b.output(b.op1(opName, options, x));
      return b.build(this);
    }
  }

  static Arbitrary<ConformanceCase> unary(Unary u) {
    return Combinators.combine(Gen.shape(1, 4, 7), Gen.seed())
        .as(
            (shape, seed) ->
                new UnaryCase(u.opName(), shape, "", seed).build(u.lo(), u.hi(), null));
  }

  static Arbitrary<ConformanceCase> leakyRelu() {
    return Combinators.combine(
            Gen.shape(1, 4, 7), Arbitraries.of(0.01f, 0.2f, 0.5f, 1f, 1.5f, -0.3f), Gen.seed())
        .as(
            (shape, alpha, seed) -> {
              LeakyReluOptionsT o = new LeakyReluOptionsT();
              o.setAlpha(alpha);
              return new UnaryCase("LEAKY_RELU", shape, "alpha=" + alpha, seed).build(-4, 4, o);
            });
  }

  static Arbitrary<ConformanceCase> gelu() {
    return Combinators.combine(Gen.shape(1, 4, 7), Arbitraries.of(false, true), Gen.seed())
        .as(
            (shape, approximate, seed) -> {
              GeluOptionsT o = new GeluOptionsT();
              o.setApproximate(approximate);
              return new UnaryCase("GELU", shape, "approximate=" + approximate, seed)
                  .build(-5, 5, o);
            });
  }

  /** CAST FLOAT32 → INT32 (truncation towards zero). */
  static Arbitrary<ConformanceCase> cast() {
    return Combinators.combine(Gen.shape(1, 4, 7), Gen.seed())
        .as(
            (shape, seed) -> {
              CaseBuilder b = new CaseBuilder(seed);
              int x = b.input(Gen.arr(shape), -100, 100);
              int y = b.tensor(TensorType.INT32);
              CastOptionsT o = new CastOptionsT();
              o.setInDataType(TensorType.FLOAT32);
              o.setOutDataType(TensorType.INT32);
              b.op("CAST", o, new int[] {x}, new int[] {y}).output(y);
              return b.build(new UnaryCase("CAST", shape, "FLOAT32->INT32", seed));
            });
  }

  /**
   * A binary op with broadcasting: {@code outShape} is the full shape; input a keeps dimension i
   * unless bit i of {@code aOnes} makes it 1, likewise b, which may also drop {@code bDrop} leading
   * dimensions (lower rank). {@code bConstant} makes b a constant tensor.
   */
  record Binary(
      String opName,
      List<Integer> outShape,
      int aOnes,
      int bOnes,
      int bDrop,
      boolean bConstant,
      Act act,
      long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int rank = outShape.size();
      int[] aDims = new int[rank];
      int drop = Math.min(bDrop, rank - 1);
      int[] bDims = new int[rank - drop];
      for (int i = 0; i < rank; i++) {
        aDims[i] = (aOnes >> i & 1) == 1 ? 1 : outShape.get(i);
        if (i >= drop) {
          bDims[i - drop] = (bOnes >> i & 1) == 1 ? 1 : outShape.get(i);
        }
      }
      double aLo = opName.equals("POW") ? 0.1 : -4;
      int x = b.input(aDims, aLo, 4);
      float[] bValues = b.uniform(Shapes.size(bDims), -2, 2);
      if (opName.equals("DIV")) {
        // Divisors of magnitude [0.5, 2]: away from 0, where the quotient is ill-conditioned.
        for (int i = 0; i < bValues.length; i++) {
          bValues[i] = Math.copySign(0.5f + 0.75f * Math.abs(bValues[i]), bValues[i]);
        }
      }
      int y = bConstant ? b.constant(bDims, bValues) : b.input(bDims, bValues);
      b.output(b.op1(opName, options(), x, y));
      return b.build(this);
    }

    private Object options() {
      return switch (opName) {
        case "ADD" -> {
          AddOptionsT o = new AddOptionsT();
          o.setFusedActivationFunction(act.code);
          yield o;
        }
        case "SUB" -> {
          SubOptionsT o = new SubOptionsT();
          o.setFusedActivationFunction(act.code);
          yield o;
        }
        case "MUL" -> {
          MulOptionsT o = new MulOptionsT();
          o.setFusedActivationFunction(act.code);
          yield o;
        }
        case "DIV" -> {
          DivOptionsT o = new DivOptionsT();
          o.setFusedActivationFunction(act.code);
          yield o;
        }
        default -> null;
      };
    }
  }

  static Arbitrary<ConformanceCase> binary(String opName, boolean fusedActivation) {
    Arbitrary<Act> act = fusedActivation ? Gen.act() : Arbitraries.just(Act.NONE);
    return Combinators.combine(
            Arbitraries.just(opName),
            Gen.shape(1, 4, 6),
            Gen.between(0, 15),
            Gen.between(0, 15),
            Gen.between(0, 3),
            Arbitraries.of(false, true),
            act,
            Gen.seed())
        .as(Binary::new)
        .map(Binary::build);
  }

  /**
   * PRELU: {@code x < 0 ? alpha · x : x}, alpha a constant broadcast against the trailing
   * dimensions of x (bit i of {@code alphaOnes} makes its dimension i a 1).
   */
  record PreluCase(List<Integer> shape, int alphaRank, int alphaOnes, long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int[] dims = Gen.arr(shape);
      int rank = Math.min(alphaRank, dims.length);
      int[] alphaDims = new int[rank];
      for (int i = 0; i < rank; i++) {
        int d = dims[dims.length - rank + i];
        alphaDims[i] = (alphaOnes >> i & 1) == 1 ? 1 : d;
      }
      int x = b.input(dims, -3, 3);
      int alpha = b.constant(alphaDims, -1, 1);
      b.output(b.op1("PRELU", null, x, alpha));
      return b.build(this);
    }
  }

  static Arbitrary<ConformanceCase> prelu() {
    return Combinators.combine(Gen.shape(1, 4, 6), Gen.between(1, 4), Gen.between(0, 7), Gen.seed())
        .as(PreluCase::new)
        .map(PreluCase::build);
  }

  /**
   * DEQUANTIZE of a constant (FLOAT16, as MediaPipe stores weights, or INT8 with a scale and zero
   * point), added to a graph input so that the model has one.
   */
  record DequantizeCase(List<Integer> shape, boolean int8, float scale, int zeroPoint, long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int[] dims = Gen.arr(shape);
      int n = Shapes.size(dims);
      int quantized;
      if (int8) {
        byte[] q = new byte[n];
        for (int i = 0; i < n; i++) {
          q[i] = (byte) b.nextInt(-128, 128);
        }
        quantized = b.writer().int8Constant("q", q, scale, zeroPoint, dims);
      } else {
        quantized = b.writer().float16Constant("h", b.uniform(n, -4, 4), dims);
      }
      int x = b.input(dims, -1, 1);
      int real = b.op1("DEQUANTIZE", int8 ? 2 : 3, null, quantized);
      b.output(b.op1("ADD", new AddOptionsT(), x, real));
      return b.build(this);
    }
  }

  static Arbitrary<ConformanceCase> dequantize() {
    return Combinators.combine(
            Gen.shape(1, 4, 6),
            Arbitraries.of(false, true),
            Arbitraries.of(0.01f, 0.5f, 0.037f),
            Gen.between(-20, 20),
            Gen.seed())
        .as(DequantizeCase::new)
        .map(DequantizeCase::build);
  }

  /**
   * DENSIFY of a sparse constant matrix (one dimension dense, the other SPARSE_CSR; rows first or
   * columns first), each element kept with probability {@code percentKept}, added to a graph input.
   */
  record DensifyCase(int rows, int cols, boolean columnsFirst, int percentKept, long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int outer = columnsFirst ? cols : rows;
      int inner = columnsFirst ? rows : cols;
      float[] dense = new float[rows * cols];
      List<Float> stored = new ArrayList<>();
      List<Integer> indices = new ArrayList<>();
      int[] segments = new int[outer + 1];
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          // The first element is always stored: TFLite treats a tensor without data as no constant.
          if (b.nextInt(0, 100) < percentKept || (o == 0 && i == 0)) {
            float v = b.uniform(1, -2, 2)[0];
            stored.add(v);
            indices.add(i);
            dense[columnsFirst ? i * cols + o : o * cols + i] = v;
          }
        }
        segments[o + 1] = stored.size();
      }
      SparsityParametersT s = new SparsityParametersT();
      s.setTraversalOrder(columnsFirst ? new int[] {1, 0} : new int[] {0, 1});
      s.setBlockMap(new int[0]);
      DimensionMetadataT outerLevel = new DimensionMetadataT();
      outerLevel.setFormat(DimensionType.DENSE);
      outerLevel.setDenseSize(outer);
      DimensionMetadataT innerLevel = new DimensionMetadataT();
      innerLevel.setFormat(DimensionType.SPARSE_CSR);
      innerLevel.setArraySegments(int32(segments));
      innerLevel.setArrayIndices(int32(Gen.arr(indices)));
      s.setDimMetadata(new DimensionMetadataT[] {outerLevel, innerLevel});
      float[] values = new float[stored.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = stored.get(i);
      }
      int sparse = b.writer().sparseConstant("sparse", values, s, rows, cols);
      int x = b.input(new int[] {rows, cols}, -1, 1);
      int denseTensor = b.op1("DENSIFY", null, sparse);
      b.output(b.op1("ADD", new AddOptionsT(), x, denseTensor));
      return b.build(this);
    }

    private static SparseIndexVectorUnion int32(int[] values) {
      Int32VectorT v = new Int32VectorT();
      v.setValues(values);
      SparseIndexVectorUnion u = new SparseIndexVectorUnion();
      u.setType(SparseIndexVector.Int32Vector);
      u.setValue(v);
      return u;
    }
  }

  static Arbitrary<ConformanceCase> densify() {
    return Combinators.combine(
            Gen.size(6), Gen.size(6), Arbitraries.of(false, true), Gen.between(0, 100), Gen.seed())
        .as(DensifyCase::new)
        .map(DensifyCase::build);
  }
}
