package io.jlite.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one {@link ConformanceCase}: a {@link ModelWriter} plus the values of its inputs and
 * constants, drawn from one seeded random source so that the case is a function of its
 * configuration.
 */
public final class CaseBuilder {
  private final ModelWriter writer = new ModelWriter();
  private final SplittableRandom random;
  private final List<String> ops = new ArrayList<>();
  private final List<int[]> inputShapes = new ArrayList<>();
  private final List<float[]> inputs = new ArrayList<>();
  private int tensorCount;

  /** A builder whose random values come from {@code seed}. */
  public CaseBuilder(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The writer, for what the builder does not cover (typed constants, custom ops). */
  public ModelWriter writer() {
    return writer;
  }

  /** Adds a FLOAT32 graph input of values uniform in [lo, hi). */
  public int input(int[] shape, double lo, double hi) {
    float[] values = uniform(Shapes.size(shape), lo, hi);
    return input(shape, values);
  }

  /** Adds a FLOAT32 graph input holding {@code values}. */
  public int input(int[] shape, float[] values) {
    inputShapes.add(shape.clone());
    inputs.add(values.clone());
    return writer.input("input_" + inputs.size(), shape);
  }

  /** Adds a FLOAT32 constant of values uniform in [lo, hi). */
  public int constant(int[] shape, double lo, double hi) {
    return writer.constant(name("const"), uniform(Shapes.size(shape), lo, hi), shape);
  }

  /** Adds a FLOAT32 constant holding {@code values}. */
  public int constant(int[] shape, float[] values) {
    return writer.constant(name("const"), values, shape);
  }

  /** Adds a constant INT32 vector. */
  public int ints(int... values) {
    return writer.intVector(name("ints"), values);
  }

  /** Adds a constant INT32 tensor of {@code shape}. */
  public int ints(int[] values, int[] shape) {
    return writer.intConstant(name("ints"), values, shape);
  }

  /** Adds a FLOAT32 tensor whose shape TFLite will tell (declared as {@code []}). */
  public int tensor() {
    return writer.tensor(name("t"));
  }

  /** Adds a tensor of {@code type} (a {@code TensorType}) whose shape TFLite will tell. */
  public int tensor(byte type) {
    return writer.tensor(name("t"), type);
  }

  /** Adds a FLOAT32 tensor with a declared shape. */
  public int tensor(int[] shape) {
    return writer.tensor(name("t"), shape);
  }

  /** Adds a builtin op (version 1). */
  public CaseBuilder op(String opName, Object options, int[] in, int[] out) {
    return op(opName, 1, options, in, out);
  }

  /** Adds a builtin op with an op-code version. */
  public CaseBuilder op(String opName, int version, Object options, int[] in, int[] out) {
    ops.add(opName);
    writer.op(opName, version, options, in, out);
    return this;
  }

  /** Adds a single-output builtin op and returns its new output tensor. */
  public int op1(String opName, Object options, int... in) {
    int out = tensor();
    op(opName, options, in, new int[] {out});
    return out;
  }

  /** Adds a single-output builtin op of op-code {@code version}; returns its output tensor. */
  public int op1(String opName, int version, Object options, int... in) {
    int out = tensor();
    op(opName, version, options, in, new int[] {out});
    return out;
  }

  /** Adds a custom op. */
  public CaseBuilder customOp(String customCode, byte[] options, int[] in, int[] out) {
    ops.add("CUSTOM:" + customCode);
    writer.customOp(customCode, options, in, out);
    return this;
  }

  /** Marks graph outputs. */
  public CaseBuilder output(int... tensors) {
    for (int t : tensors) {
      writer.output(t);
    }
    return this;
  }

  /** Values uniform in [lo, hi), from this case's random source. */
  public float[] uniform(int n, double lo, double hi) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * random.nextDouble());
    }
    return v;
  }

  /** A uniform int in [lo, hi), from this case's random source. */
  public int nextInt(int lo, int hi) {
    return random.nextInt(lo, hi);
  }

  /** The case, described by {@code description} (the configuration, for counterexamples). */
  public ConformanceCase build(Object description) {
    return new ConformanceCase(
        ops,
        String.valueOf(description),
        writer.toBytes(),
        inputShapes,
        inputs.toArray(new float[0][]));
  }

  private String name(String prefix) {
    return prefix + "_" + tensorCount++;
  }
}
