package io.jlite.conformance.gen;

import io.jlite.conformance.CaseBuilder;
import io.jlite.conformance.ConformanceCase;
import io.jlite.conformance.gen.Gen.Act;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.tensorflow.lite.schema.ArgMaxOptionsT;
import org.tensorflow.lite.schema.ArgMinOptionsT;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.DepthToSpaceOptionsT;
import org.tensorflow.lite.schema.GatherOptionsT;
import org.tensorflow.lite.schema.MirrorPadMode;
import org.tensorflow.lite.schema.MirrorPadOptionsT;
import org.tensorflow.lite.schema.PackOptionsT;
import org.tensorflow.lite.schema.ReducerOptionsT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.ResizeBilinearOptionsT;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptionsT;
import org.tensorflow.lite.schema.SoftmaxOptionsT;
import org.tensorflow.lite.schema.SpaceToDepthOptionsT;
import org.tensorflow.lite.schema.SplitOptionsT;
import org.tensorflow.lite.schema.SplitVOptionsT;
import org.tensorflow.lite.schema.SqueezeOptionsT;
import org.tensorflow.lite.schema.StridedSliceOptionsT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.UnpackOptionsT;

/**
 * Generators of the tensor ops: data movement, reductions, softmax, resizing. Where an op's
 * configuration is a function of the shape (slice bounds, permutations), it is drawn from the
 * case's seed and written into the case's description.
 */
final class TensorSpecs {
  private TensorSpecs() {}

  static List<OpSpec> all() {
    List<OpSpec> specs = new ArrayList<>();
    specs.add(new OpSpec("CONCATENATION", concatenation()));
    specs.add(new OpSpec("RESHAPE", reshape()));
    specs.add(new OpSpec("SQUEEZE", squeeze()));
    specs.add(new OpSpec("EXPAND_DIMS", expandDims()));
    for (String op : List.of("PAD", "PADV2", "MIRROR_PAD")) {
      specs.add(new OpSpec(op, pad(op)));
    }
    specs.add(new OpSpec("SLICE", slice()));
    specs.add(new OpSpec("STRIDED_SLICE", stridedSlice()));
    specs.add(new OpSpec("TRANSPOSE", transpose()));
    specs.add(new OpSpec("GATHER", gather()));
    for (String op : List.of("MEAN", "SUM", "REDUCE_MAX", "REDUCE_MIN", "REDUCE_PROD")) {
      specs.add(new OpSpec(op, reduce(op)));
    }
    specs.add(new OpSpec("SOFTMAX", softmax("SOFTMAX")));
    specs.add(new OpSpec("LOG_SOFTMAX", softmax("LOG_SOFTMAX")));
    specs.add(new OpSpec("RESIZE_BILINEAR", resize("RESIZE_BILINEAR")));
    specs.add(new OpSpec("RESIZE_NEAREST_NEIGHBOR", resize("RESIZE_NEAREST_NEIGHBOR")));
    specs.add(new OpSpec("DEPTH_TO_SPACE", depthSpace("DEPTH_TO_SPACE")));
    specs.add(new OpSpec("SPACE_TO_DEPTH", depthSpace("SPACE_TO_DEPTH")));
    specs.add(new OpSpec("ARG_MAX", argMinMax("ARG_MAX")));
    specs.add(new OpSpec("ARG_MIN", argMinMax("ARG_MIN")));
    specs.add(new OpSpec("PACK", pack()));
    specs.add(new OpSpec("UNPACK", unpack()));
    specs.add(new OpSpec("SPLIT", split()));
    specs.add(new OpSpec("SPLIT_V", splitV()));
    return specs;
  }

  /** A tensor of rank 1-4 with dimensions 1-5, and a seed: the start of most cases here. */
  record Tensor(List<Integer> shape, long seed) {
    int[] dims() {
      return Gen.arr(shape);
    }

    int rank() {
      return shape.size();
    }
  }

  static Arbitrary<Tensor> tensor(int minRank, int maxRank, int maxDim) {
    return Combinators.combine(Gen.shape(minRank, maxRank, maxDim), Gen.seed()).as(Tensor::new);
  }

  /** A random axis in [-rank, rank), as TFLite accepts negative axes. */
  private static int axis(CaseBuilder b, int rank) {
    return b.nextInt(-rank, rank);
  }

  private static int positive(int axis, int rank) {
    return axis < 0 ? axis + rank : axis;
  }

  record Concat(Tensor t, int inputs, Act act) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(t.seed());
      int axis = axis(b, t.rank());
      int[] ins = new int[inputs];
      List<String> shapes = new ArrayList<>();
      for (int i = 0; i < inputs; i++) {
        int[] dims = t.dims();
        dims[positive(axis, t.rank())] = b.nextInt(1, 5);
        shapes.add(Arrays.toString(dims));
        // Every other input a constant: models concatenate weights too.
        ins[i] = i % 2 == 1 ? b.constant(dims, -2, 2) : b.input(dims, -2, 2);
      }
      ConcatenationOptionsT o = new ConcatenationOptionsT();
      o.setAxis(axis);
      o.setFusedActivationFunction(act.code);
      b.output(b.op1("CONCATENATION", o, ins));
      return b.build(this + " axis=" + axis + " shapes=" + shapes);
    }
  }

  static Arbitrary<ConformanceCase> concatenation() {
    // TFLite 2.21 rejects fused activations on float CONCATENATION ("params->activation !=
    // kTfLiteActNone"), so only NONE can be checked against it.
    return Combinators.combine(tensor(1, 4, 5), Gen.between(1, 4), Arbitraries.just(Act.NONE))
        .as(Concat::new)
        .map(Concat::build);
  }

  /**
   * RESHAPE to the reversed dimensions with a 1 inserted at {@code insertOne} (none if past the
   * end) and dimension {@code inferred} given as -1 (none if past the end); the new shape comes
   * from a constant second input, or from the options.
   */
  record Reshape(Tensor t, int insertOne, int inferred, boolean viaOptions) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(t.seed());
      List<Integer> target = new ArrayList<>(t.shape());
      java.util.Collections.reverse(target);
      if (insertOne <= target.size()) {
        target.add(insertOne, 1);
      }
      if (inferred < target.size()) {
        target.set(inferred, -1);
      }
      int[] newShape = Gen.arr(target);
      int x = b.input(t.dims(), -2, 2);
      ReshapeOptionsT o = new ReshapeOptionsT();
      o.setNewShape(newShape);
      int y = viaOptions ? b.op1("RESHAPE", o, x) : b.op1("RESHAPE", o, x, b.ints(newShape));
      b.output(y);
      return b.build(this + " newShape=" + Arrays.toString(newShape));
    }
  }

  static Arbitrary<ConformanceCase> reshape() {
    return Combinators.combine(
            tensor(1, 4, 5), Gen.between(0, 6), Gen.between(0, 6), Arbitraries.of(false, true))
        .as(Reshape::new)
        .map(Reshape::build);
  }

  /** SQUEEZE: dimensions whose bit is set in {@code ones} are 1; squeeze all or some of them. */
  record Squeeze(Tensor t, int ones, boolean all) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(t.seed());
      int[] dims = t.dims();
      List<Integer> squeezed = new ArrayList<>();
      for (int i = 0; i < dims.length; i++) {
        if ((ones >> i & 1) == 1) {
          dims[i] = 1;
          if (b.nextInt(0, 2) == 1) {
            squeezed.add(b.nextInt(0, 2) == 1 ? i : i - dims.length);
          }
        }
      }
      int x = b.input(dims, -2, 2);
      SqueezeOptionsT o = new SqueezeOptionsT();
      o.setSqueezeDims(all ? new int[0] : Gen.arr(squeezed));
      b.output(b.op1("SQUEEZE", o, x));
      return b.build(
          this + " input=" + Arrays.toString(dims) + " squeezeDims=" + (all ? "[]" : squeezed));
    }
  }

  static Arbitrary<ConformanceCase> squeeze() {
    return Combinators.combine(tensor(1, 4, 4), Gen.between(0, 15), Arbitraries.of(true, false))
        .as(Squeeze::new)
        .map(Squeeze::build);
  }

  static Arbitrary<ConformanceCase> expandDims() {
    return tensor(1, 4, 5)
        .map(
            t -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int axis = b.nextInt(-t.rank() - 1, t.rank() + 1);
              int x = b.input(t.dims(), -2, 2);
              b.output(b.op1("EXPAND_DIMS", null, x, b.ints(new int[] {axis}, new int[0])));
              return b.build("EXPAND_DIMS " + t + " axis=" + axis);
            });
  }

  /** PAD, PADV2 (with a constant pad value) or MIRROR_PAD (REFLECT or SYMMETRIC). */
  record PadCase(String opName, Tensor t, boolean symmetric) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(t.seed());
      int[] dims = t.dims();
      int[] paddings = new int[2 * dims.length];
      for (int i = 0; i < paddings.length; i++) {
        int d = dims[i / 2];
        // MIRROR_PAD reflects at most the whole dimension (SYMMETRIC) or all but its edge.
        int max = opName.equals("MIRROR_PAD") ? (symmetric ? d : d - 1) : 3;
        paddings[i] = b.nextInt(0, max + 1);
      }
      int x = b.input(dims, -2, 2);
      int p = b.ints(paddings, new int[] {dims.length, 2});
      int y;
      String extra = "";
      switch (opName) {
        case "PADV2" -> {
          float value = b.uniform(1, -3, 3)[0];
          extra = " value=" + value;
          y = b.op1("PADV2", null, x, p, b.constant(new int[0], new float[] {value}));
        }
        case "MIRROR_PAD" -> {
          MirrorPadOptionsT o = new MirrorPadOptionsT();
          o.setMode(symmetric ? MirrorPadMode.SYMMETRIC : MirrorPadMode.REFLECT);
          extra = symmetric ? " SYMMETRIC" : " REFLECT";
          y = b.op1("MIRROR_PAD", o, x, p);
        }
        default -> y = b.op1("PAD", null, x, p);
      }
      b.output(y);
      return b.build(opName + " " + t + " paddings=" + Arrays.toString(paddings) + extra);
    }
  }

  static Arbitrary<ConformanceCase> pad(String opName) {
    return Combinators.combine(tensor(1, 4, 5), Arbitraries.of(false, true))
        .as((t, symmetric) -> new PadCase(opName, t, symmetric).build());
  }

  static Arbitrary<ConformanceCase> slice() {
    return tensor(1, 4, 6)
        .map(
            t -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int[] dims = t.dims();
              int[] begin = new int[dims.length];
              int[] size = new int[dims.length];
              for (int i = 0; i < dims.length; i++) {
                begin[i] = b.nextInt(0, dims[i]);
                size[i] = b.nextInt(0, 4) == 0 ? -1 : b.nextInt(1, dims[i] - begin[i] + 1);
              }
              int x = b.input(dims, -2, 2);
              b.output(b.op1("SLICE", null, x, b.ints(begin), b.ints(size)));
              return b.build(
                  "SLICE "
                      + t
                      + " begin="
                      + Arrays.toString(begin)
                      + " size="
                      + Arrays.toString(size));
            });
  }

  /**
   * STRIDED_SLICE with strides ±1 or ±2, begin and end written as positive or negative indices,
   * begin/end masks, and shrink axes (on stride-1 axes). Every axis keeps at least one element.
   */
  static Arbitrary<ConformanceCase> stridedSlice() {
    return tensor(1, 4, 6)
        .map(
            t -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int[] dims = t.dims();
              int r = dims.length;
              int[] begin = new int[r];
              int[] end = new int[r];
              int[] strides = new int[r];
              int beginMask = 0;
              int endMask = 0;
              int shrinkMask = 0;
              for (int i = 0; i < r; i++) {
                int d = dims[i];
                int s = new int[] {1, 2, -1, -2}[b.nextInt(0, 4)];
                int lo = b.nextInt(0, d);
                strides[i] = s;
                if (s > 0) {
                  begin[i] = lo;
                  end[i] = b.nextInt(lo + 1, d + 1);
                  if (s == 1 && b.nextInt(0, 4) == 0) {
                    shrinkMask |= 1 << i;
                  }
                } else {
                  begin[i] = lo;
                  if (lo == 0) {
                    end[i] = 0;
                    endMask |= 1 << i;
                  } else {
                    end[i] = b.nextInt(0, lo);
                  }
                }
                if ((shrinkMask >> i & 1) == 0) {
                  if (b.nextInt(0, 5) == 0) {
                    beginMask |= 1 << i;
                  }
                  if (b.nextInt(0, 5) == 0) {
                    endMask |= 1 << i;
                  }
                }
                // The same index counted from the end.
                if (b.nextInt(0, 2) == 0) {
                  begin[i] -= d;
                }
                if (end[i] > 0 && end[i] < d && b.nextInt(0, 2) == 0) {
                  end[i] -= d;
                }
              }
              int x = b.input(dims, -2, 2);
              StridedSliceOptionsT o = new StridedSliceOptionsT();
              o.setBeginMask(beginMask);
              o.setEndMask(endMask);
              o.setShrinkAxisMask(shrinkMask);
              b.output(b.op1("STRIDED_SLICE", o, x, b.ints(begin), b.ints(end), b.ints(strides)));
              return b.build(
                  String.format(
                      java.util.Locale.ROOT,
                      "STRIDED_SLICE %s begin=%s end=%s strides=%s beginMask=%d endMask=%d"
                          + " shrinkAxisMask=%d",
                      t,
                      Arrays.toString(begin),
                      Arrays.toString(end),
                      Arrays.toString(strides),
                      beginMask,
                      endMask,
                      shrinkMask));
            });
  }

  static Arbitrary<ConformanceCase> transpose() {
    return tensor(1, 5, 4)
        .map(
            t -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              List<Integer> perm = new ArrayList<>();
              for (int i = 0; i < t.rank(); i++) {
                perm.add(i);
              }
              for (int i = perm.size() - 1; i > 0; i--) {
                java.util.Collections.swap(perm, i, b.nextInt(0, i + 1));
              }
              int x = b.input(t.dims(), -2, 2);
              b.output(b.op1("TRANSPOSE", null, x, b.ints(Gen.arr(perm))));
              return b.build("TRANSPOSE " + t + " perm=" + perm);
            });
  }

  record GatherCase(Tensor t, List<Integer> indicesShape) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(t.seed());
      int[] dims = t.dims();
      int axis = axis(b, dims.length);
      int[] indexDims = Gen.arr(indicesShape);
      int[] indices = new int[io.jlite.conformance.Shapes.size(indexDims)];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = b.nextInt(0, dims[positive(axis, dims.length)]);
      }
      int x = b.input(dims, -2, 2);
      GatherOptionsT o = new GatherOptionsT();
      o.setAxis(axis);
      b.output(b.op1("GATHER", o, x, b.ints(indices, indexDims)));
      return b.build(this + " axis=" + axis + " indices=" + Arrays.toString(indices));
    }
  }

  static Arbitrary<ConformanceCase> gather() {
    return Combinators.combine(tensor(1, 4, 5), Gen.shape(0, 2, 4))
        .as(GatherCase::new)
        .map(GatherCase::build);
  }

  record ReduceCase(String opName, Tensor t, boolean keepDims) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(t.seed());
      List<Integer> axes = new ArrayList<>();
      for (int i = 0; i < t.rank(); i++) {
        if (b.nextInt(0, 2) == 1) {
          axes.add(b.nextInt(0, 2) == 1 ? i : i - t.rank());
        }
      }
      if (axes.isEmpty()) {
        axes.add(axis(b, t.rank()));
      }
      double lo = opName.equals("REDUCE_PROD") ? 0.5 : -2;
      int x = b.input(t.dims(), lo, 1.5);
      ReducerOptionsT o = new ReducerOptionsT();
      o.setKeepDims(keepDims);
      b.output(b.op1(opName, o, x, b.ints(Gen.arr(axes))));
      return b.build(this + " axes=" + axes);
    }
  }

  static Arbitrary<ConformanceCase> reduce(String opName) {
    return Combinators.combine(tensor(1, 4, 5), Arbitraries.of(false, true))
        .as((t, keep) -> new ReduceCase(opName, t, keep).build());
  }

  static Arbitrary<ConformanceCase> softmax(String opName) {
    return Combinators.combine(tensor(1, 4, 7), Arbitraries.of(1f, 0.5f, 2f))
        .as(
            (t, beta) -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int x = b.input(t.dims(), -4, 4);
              SoftmaxOptionsT o = new SoftmaxOptionsT();
              o.setBeta(beta);
              b.output(b.op1(opName, opName.equals("SOFTMAX") ? o : null, x));
              return b.build(opName + " " + t + (opName.equals("SOFTMAX") ? " beta=" + beta : ""));
            });
  }

  /** RESIZE_*: align_corners and half_pixel_centers, never both (TensorFlow rejects that). */
  record Resize(
      String opName,
      ConvSpecs.Image in,
      int outH,
      int outW,
      boolean alignCorners,
      boolean halfPixel,
      long seed) {
    ConformanceCase build() {
      CaseBuilder b = new CaseBuilder(seed);
      int x = b.input(in.dims(), -2, 2);
      Object o;
      if (opName.equals("RESIZE_BILINEAR")) {
        ResizeBilinearOptionsT r = new ResizeBilinearOptionsT();
        r.setAlignCorners(alignCorners);
        r.setHalfPixelCenters(halfPixel);
        o = r;
      } else {
        ResizeNearestNeighborOptionsT r = new ResizeNearestNeighborOptionsT();
        r.setAlignCorners(alignCorners);
        r.setHalfPixelCenters(halfPixel);
        o = r;
      }
      // Version 3 is the first with half_pixel_centers.
      b.output(b.op1(opName, halfPixel ? 3 : 1, o, x, b.ints(outH, outW)));
      return b.build(this);
    }
  }

  static Arbitrary<ConformanceCase> resize(String opName) {
    return Combinators.combine(
            ConvSpecs.image(2, 6),
            Gen.size(10),
            Gen.size(10),
            Arbitraries.of(false, true),
            Arbitraries.of(false, true),
            Gen.seed())
        .as(
            (in, h, w, align, half, seed) ->
                new Resize(opName, in, h, w, align, half && !align, seed))
        .map(Resize::build);
  }

  record DepthSpace(String opName, ConvSpecs.Image in, int blockSize) {
    ConformanceCase build(long seed) {
      CaseBuilder b = new CaseBuilder(seed);
      int[] dims = in.dims();
      if (opName.equals("DEPTH_TO_SPACE")) {
        dims[3] *= blockSize * blockSize;
      } else {
        dims[1] *= blockSize;
        dims[2] *= blockSize;
      }
      int x = b.input(dims, -2, 2);
      Object o;
      if (opName.equals("DEPTH_TO_SPACE")) {
        DepthToSpaceOptionsT d = new DepthToSpaceOptionsT();
        d.setBlockSize(blockSize);
        o = d;
      } else {
        SpaceToDepthOptionsT s = new SpaceToDepthOptionsT();
        s.setBlockSize(blockSize);
        o = s;
      }
      b.output(b.op1(opName, o, x));
      return b.build(this + " input=" + Arrays.toString(dims));
    }
  }

  static Arbitrary<ConformanceCase> depthSpace(String opName) {
    return Combinators.combine(ConvSpecs.image(2, 4), Gen.between(1, 3), Gen.seed())
        .as((in, block, seed) -> new DepthSpace(opName, in, block).build(seed));
  }

  static Arbitrary<ConformanceCase> argMinMax(String opName) {
    return tensor(1, 4, 6)
        .map(
            t -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int axis = axis(b, t.rank());
              int x = b.input(t.dims(), -2, 2);
              int y = b.tensor(TensorType.INT32);
              Object o;
              if (opName.equals("ARG_MAX")) {
                ArgMaxOptionsT a = new ArgMaxOptionsT();
                a.setOutputType(TensorType.INT32);
                o = a;
              } else {
                ArgMinOptionsT a = new ArgMinOptionsT();
                a.setOutputType(TensorType.INT32);
                o = a;
              }
              b.op(opName, o, new int[] {x, b.ints(axis)}, new int[] {y}).output(y);
              return b.build(opName + " " + t + " axis=" + axis);
            });
  }

  static Arbitrary<ConformanceCase> pack() {
    return Combinators.combine(tensor(1, 3, 5), Gen.between(1, 4))
        .as(
            (t, count) -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int axis = b.nextInt(-t.rank() - 1, t.rank() + 1);
              int[] ins = new int[count];
              for (int i = 0; i < count; i++) {
                ins[i] = b.input(t.dims(), -2, 2);
              }
              PackOptionsT o = new PackOptionsT();
              o.setValuesCount(count);
              o.setAxis(axis);
              b.output(b.op1("PACK", o, ins));
              return b.build("PACK " + t + " count=" + count + " axis=" + axis);
            });
  }

  static Arbitrary<ConformanceCase> unpack() {
    return tensor(1, 4, 4)
        .map(
            t -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int axis = axis(b, t.rank());
              int num = t.dims()[positive(axis, t.rank())];
              int x = b.input(t.dims(), -2, 2);
              int[] outs = new int[num];
              for (int i = 0; i < num; i++) {
                outs[i] = b.tensor();
              }
              UnpackOptionsT o = new UnpackOptionsT();
              o.setNum(num);
              o.setAxis(axis);
              b.op("UNPACK", o, new int[] {x}, outs).output(outs);
              return b.build("UNPACK " + t + " axis=" + axis);
            });
  }

  /** SPLIT into {@code parts} equal parts along a random axis (whose size is made divisible). */
  static Arbitrary<ConformanceCase> split() {
    return Combinators.combine(tensor(1, 4, 4), Gen.between(1, 3))
        .as(
            (t, parts) -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int axis = axis(b, t.rank());
              int[] dims = t.dims();
              dims[positive(axis, t.rank())] *= parts;
              int x = b.input(dims, -2, 2);
              int[] outs = new int[parts];
              for (int i = 0; i < parts; i++) {
                outs[i] = b.tensor();
              }
              SplitOptionsT o = new SplitOptionsT();
              o.setNumSplits(parts);
              b.op("SPLIT", o, new int[] {b.ints(new int[] {axis}, new int[0]), x}, outs);
              b.output(outs);
              return b.build(
                  "SPLIT input=" + Arrays.toString(dims) + " parts=" + parts + " axis=" + axis);
            });
  }

  /** SPLIT_V into random sizes, one of them possibly given as -1. */
  static Arbitrary<ConformanceCase> splitV() {
    return tensor(1, 4, 6)
        .map(
            t -> {
              CaseBuilder b = new CaseBuilder(t.seed());
              int axis = axis(b, t.rank());
              int[] dims = t.dims();
              int total = dims[positive(axis, t.rank())];
              List<Integer> sizes = new ArrayList<>();
              int left = total;
              while (left > 0) {
                int s = b.nextInt(1, left + 1);
                sizes.add(s);
                left -= s;
              }
              if (b.nextInt(0, 2) == 1) {
                sizes.set(b.nextInt(0, sizes.size()), -1);
              }
              int x = b.input(dims, -2, 2);
              int[] outs = new int[sizes.size()];
              for (int i = 0; i < outs.length; i++) {
                outs[i] = b.tensor();
              }
              SplitVOptionsT o = new SplitVOptionsT();
              o.setNumSplits(outs.length);
              int axisTensor = b.ints(new int[] {axis}, new int[0]);
              b.op("SPLIT_V", o, new int[] {x, b.ints(Gen.arr(sizes)), axisTensor}, outs);
              b.output(outs);
              return b.build("SPLIT_V " + t + " sizes=" + sizes + " axis=" + axis);
            });
  }
}
