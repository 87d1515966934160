package io.jlite.runtime;

import io.jlite.DataType;
import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts what a caller hands to {@code Interpreter.run} into tensor values and back, as TFLite's
 * Java API does: a (nested) Java array of the tensor's shape, a flat array with the right element
 * count, a {@link ByteBuffer} (read in its own byte order), a {@link FloatBuffer} / {@link
 * IntBuffer}, or an {@link NdArray}.
 */
public final class Values {
  private Values() {}

  /** Reads {@code data} as a value for tensor {@code spec}; checks type and shape. */
  public static NdArray toNdArray(Object data, TensorSpec spec) {
    if (data == null) {
      throw new IllegalArgumentException("input for " + spec.describe() + " is null");
    }
    int n = spec.shape().size();
    if (data instanceof NdArray nd) {
      if (!nd.shape().equals(spec.shape()) || nd.isFloating() != spec.type().isFloating()) {
        throw mismatch(spec, nd.type() + nd.shape().toString());
      }
      return nd;
    }
    if (data instanceof Buffer buffer) {
      return fromBuffer(buffer, spec, n);
    }
    if (!data.getClass().isArray()) {
      throw new IllegalArgumentException(
          "input for " + spec.describe() + " must be an array or buffer, got " + data.getClass());
    }
    List<Integer> dims = new ArrayList<>();
    Class<?> leaf = arrayShape(data, dims);
    boolean flat = dims.size() == 1 && dims.get(0) == n;
    if (!flat && !dims.equals(toList(spec.shape()))) {
      throw mismatch(spec, leaf.getSimpleName() + dims);
    }
    if (spec.type().isFloating()) {
      if (leaf != float.class) {
        throw mismatch(spec, leaf.getSimpleName() + " array");
      }
      float[] out = new float[n];
      flatten(data, out, new int[] {0});
      return NdArray.ofFloats(spec.type(), spec.shape(), out);
    }
    if (leaf != int.class) {
      throw mismatch(spec, leaf.getSimpleName() + " array");
    }
    int[] out = new int[n];
    flatten(data, out, new int[] {0});
    return NdArray.ofInts(spec.type(), spec.shape(), out);
  }

  private static NdArray fromBuffer(Buffer buffer, TensorSpec spec, int n) {
    if (buffer instanceof ByteBuffer bytes) {
      if (bytes.remaining() != spec.byteSize()) {
        throw mismatch(spec, "ByteBuffer of " + bytes.remaining() + " bytes");
      }
      ByteBuffer b = bytes.duplicate().order(bytes.order());
      if (spec.type() == DataType.FLOAT32) {
        float[] out = new float[n];
        b.asFloatBuffer().get(out);
        return NdArray.of(spec.shape(), out);
      }
      if (spec.type() == DataType.INT32) {
        int[] out = new int[n];
        b.asIntBuffer().get(out);
        return NdArray.ofInts(spec.type(), spec.shape(), out);
      }
      throw mismatch(spec, "ByteBuffer (only FLOAT32 and INT32 tensors take one)");
    }
    if (buffer instanceof FloatBuffer floats && spec.type().isFloating()) {
      if (floats.remaining() != n) {
        throw mismatch(spec, "FloatBuffer of " + floats.remaining() + " floats");
      }
      float[] out = new float[n];
      floats.duplicate().get(out);
      return NdArray.ofFloats(spec.type(), spec.shape(), out);
    }
    if (buffer instanceof IntBuffer ints && !spec.type().isFloating()) {
      if (ints.remaining() != n) {
        throw mismatch(spec, "IntBuffer of " + ints.remaining() + " ints");
      }
      int[] out = new int[n];
      ints.duplicate().get(out);
      return NdArray.ofInts(spec.type(), spec.shape(), out);
    }
    throw mismatch(spec, buffer.getClass().getSimpleName());
  }

  /** Copies {@code value} into the caller's output object (same forms as inputs). */
  public static void copyInto(NdArray value, Object target, TensorSpec spec) {
    int n = value.shape().size();
    if (target instanceof ByteBuffer bytes) {
      if (bytes.remaining() < spec.byteSize()) {
        throw mismatch(spec, "output ByteBuffer of " + bytes.remaining() + " bytes");
      }
      ByteBuffer b = bytes.duplicate().order(bytes.order());
      if (value.isFloating()) {
        b.asFloatBuffer().put(value.floats());
      } else {
        b.asIntBuffer().put(value.ints());
      }
      return;
    }
    if (target instanceof FloatBuffer floats) {
      if (floats.remaining() < n) {
        throw mismatch(spec, "output FloatBuffer of " + floats.remaining() + " floats");
      }
      floats.duplicate().put(value.floats());
      return;
    }
    if (target instanceof IntBuffer ints) {
      if (ints.remaining() < n) {
        throw mismatch(spec, "output IntBuffer of " + ints.remaining() + " ints");
      }
      ints.duplicate().put(value.ints());
      return;
    }
    if (target == null || !target.getClass().isArray()) {
      throw new IllegalArgumentException(
          "output for " + spec.describe() + " must be an array or buffer, got " + target);
    }
    List<Integer> dims = new ArrayList<>();
    Class<?> leaf = arrayShape(target, dims);
    boolean flat = dims.size() == 1 && dims.get(0) == n;
    if (!flat && !dims.equals(toList(value.shape()))) {
      throw mismatch(spec, "output " + leaf.getSimpleName() + dims);
    }
    if ((leaf == float.class) != value.isFloating() || (leaf != float.class && leaf != int.class)) {
      throw mismatch(spec, "output " + leaf.getSimpleName() + " array");
    }
    scatter(value.isFloating() ? value.floats() : value.ints(), target, new int[] {0});
  }

  private static Class<?> arrayShape(Object array, List<Integer> dims) {
    Object level = array;
    Class<?> type = array.getClass();
    while (type.isArray()) {
      int length = Array.getLength(level);
      dims.add(length);
      type = type.getComponentType();
      if (type.isArray()) {
        if (length == 0) {
          break;
        }
        level = Array.get(level, 0);
      }
    }
    return type;
  }

  private static void flatten(Object array, Object out, int[] pos) {
    if (array instanceof float[] f) {
      System.arraycopy(f, 0, out, pos[0], f.length);
      pos[0] += f.length;
    } else if (array instanceof int[] v) {
      System.arraycopy(v, 0, out, pos[0], v.length);
      pos[0] += v.length;
    } else {
      for (Object row : (Object[]) array) {
        flatten(row, out, pos);
      }
    }
  }

  private static void scatter(Object flat, Object array, int[] pos) {
    if (array instanceof float[] || array instanceof int[]) {
      int length = Array.getLength(array);
      System.arraycopy(flat, pos[0], array, 0, length);
      pos[0] += length;
    } else {
      for (Object row : (Object[]) array) {
        scatter(flat, row, pos);
      }
    }
  }

  private static List<Integer> toList(Shape shape) {
    List<Integer> dims = new ArrayList<>();
    for (int d : shape.toArray()) {
      dims.add(d);
    }
    return dims;
  }

  private static ShapeMismatchException mismatch(TensorSpec spec, String given) {
    return new ShapeMismatchException(
        "tensor " + spec.describe() + " is " + spec.type() + spec.shape() + ", given " + given);
  }
}
