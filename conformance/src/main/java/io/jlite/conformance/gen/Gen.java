package io.jlite.conformance.gen;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Padding;

/** Arbitraries shared by the op generators. */
final class Gen {
  private Gen() {}

  /** A fused activation, as the schema spells it. */
  enum Act {
    NONE(ActivationFunctionType.NONE),
    RELU(ActivationFunctionType.RELU),
    RELU_N1_TO_1(ActivationFunctionType.RELU_N1_TO_1),
    RELU6(ActivationFunctionType.RELU6);

    final byte code;

    Act(byte code) {
      this.code = code;
    }
  }

  /** SAME or VALID padding. */
  enum Pad {
    SAME(Padding.SAME),
    VALID(Padding.VALID);

    final byte code;

    Pad(byte code) {
      this.code = code;
    }
  }

  /** A spatial or batch size: 1 to {@code max}. */
  static Arbitrary<Integer> size(int max) {
    return Arbitraries.integers().between(1, max);
  }

  /** A channel count: 1 to 9, so counts that are not multiples of 4 come often. */
  static Arbitrary<Integer> channels() {
    return Arbitraries.integers().between(1, 9);
  }

  static Arbitrary<Integer> between(int lo, int hi) {
    return Arbitraries.integers().between(lo, hi);
  }

  static Arbitrary<Act> act() {
    return Arbitraries.of(Act.class);
  }

  static Arbitrary<Pad> pad() {
    return Arbitraries.of(Pad.class);
  }

  /** The seed of a case's data; shrinks towards 0. */
  static Arbitrary<Long> seed() {
    return Arbitraries.longs().between(0, 1_000_000);
  }

  /** A shape of rank 1 to {@code maxRank}, each dimension 1 to {@code maxDim}. */
  static Arbitrary<List<Integer>> shape(int minRank, int maxRank, int maxDim) {
    return size(maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank);
  }

  static int[] arr(List<Integer> dims) {
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Output size of a convolution or pooling window along one axis (TFLite's rule). */
  static int outSize(Pad pad, int in, int kernel, int stride, int dilation) {
    int effective = (kernel - 1) * dilation + 1;
    return pad == Pad.SAME ? (in + stride - 1) / stride : (in - effective + stride) / stride;
  }
}
