package io.jlite.ir;

import io.jlite.DataType;
import java.util.Arrays;

/**
 * A dense tensor value in row-major order. Floating types (FLOAT32, and FLOAT16 widened exactly to
 * float) are held in a {@code float[]}; integer and boolean types in an {@code int[]}.
 *
 * <p>The arrays are shared, not copied: ops must treat their inputs as read-only and own the arrays
 * of the values they return.
 */
public final class NdArray {
  private final DataType type;
  private final Shape shape;
  private final float[] floats;
  private final int[] ints;

  private NdArray(DataType type, Shape shape, float[] floats, int[] ints) {
    int length = floats != null ? floats.length : ints.length;
    if (length != shape.numElements()) {
      throw new IllegalArgumentException(
          "data length " + length + " does not match shape " + shape + " of type " + type);
    }
    this.type = type;
    this.shape = shape;
    this.floats = floats;
    this.ints = ints;
  }

  /** A FLOAT32 value holding {@code data} (not copied). */
  public static NdArray of(Shape shape, float[] data) {
    return new NdArray(DataType.FLOAT32, shape, data, null);
  }

  /** A floating value of the given floating type holding {@code data} (not copied). */
  public static NdArray ofFloats(DataType type, Shape shape, float[] data) {
    if (!type.isFloating()) {
      throw new IllegalArgumentException(type + " is not a floating type");
    }
    return new NdArray(type, shape, data, null);
  }

  /** An integer or boolean value holding {@code data} (not copied). */
  public static NdArray ofInts(DataType type, Shape shape, int[] data) {
    if (type.isFloating()) {
      throw new IllegalArgumentException(type + " is not an integer type");
    }
    return new NdArray(type, shape, null, data);
  }

  /** A FLOAT32 value of zeros. */
  public static NdArray zeros(Shape shape) {
    return of(shape, new float[shape.size()]);
  }

  public DataType type() {
    return type;
  }

  public Shape shape() {
    return shape;
  }

  public boolean isFloating() {
    return floats != null;
  }

  /** The float data, shared; throws if this value is not floating. */
  public float[] floats() {
    if (floats == null) {
      throw new IllegalStateException("tensor of type " + type + " has no float data");
    }
    return floats;
  }

  /** The integer data, shared; throws if this value is floating. */
  public int[] ints() {
    if (ints == null) {
      throw new IllegalStateException("tensor of type " + type + " has no integer data");
    }
    return ints;
  }

  /** The same data under another shape with the same element count. */
  public NdArray reshape(Shape newShape) {
    return new NdArray(type, newShape, floats, ints);
  }

  /** The same elements with another type tag; both types must hold data the same way. */
  public NdArray retype(DataType newType) {
    if (newType.isFloating() != type.isFloating()) {
      throw new IllegalArgumentException("cannot retype " + type + " as " + newType);
    }
    return new NdArray(newType, shape, floats, ints);
  }

  /** The value of element {@code i} as a double, whatever the storage. */
  public double getDouble(int i) {
    return floats != null ? floats[i] : ints[i];
  }

  @Override
  public String toString() {
    String data =
        floats != null
            ? Arrays.toString(Arrays.copyOf(floats, Math.min(8, floats.length)))
            : Arrays.toString(Arrays.copyOf(ints, Math.min(8, ints.length)));
    return type + shape.toString() + data;
  }
}
