package io.jlite.gpu.kernel;

import io.jlite.gpu.layout.Phwc4Layout;
import java.nio.FloatBuffer;

/**
 * Constant data of a kernel: weights, bias or a constant operand, as vec4s in the order the
 * template reads them. Data of a constant tensor operand is in the PHWC4 layout of {@link #layout};
 * weights are in a template-specific order and use the layout {@code [1, 1, n, 4]} (n vec4s). A
 * code generator either inlines small constants into the source or makes them a kernel parameter; a
 * backend uploads the data of the ones that are parameters.
 */
public final class ConstArg implements KernelArg {
  private final String name;
  private final Phwc4Layout layout;
  private final float[] data;
  private final boolean half;

  /**
   * @param data {@code 4 · layout.vec4Count()} floats; copied
   */
  public ConstArg(String name, Phwc4Layout layout, float[] data) {
    this(name, layout, data, false);
  }

  private ConstArg(String name, Phwc4Layout layout, float[] data, boolean half) {
    if (data.length != layout.floatCount()) {
      throw new IllegalArgumentException(
          "constant '"
              + name
              + "' has "
              + data.length
              + " floats, "
              + layout
              + " needs "
              + layout.floatCount());
    }
    this.name = name;
    this.layout = layout;
    this.data = data.clone();
    this.half = half;
  }

  /** Weights of {@code data.length / 4} vec4s (the length must be a multiple of 4). */
  public static ConstArg weights(String name, float[] data) {
    if (data.length % Phwc4Layout.LANES != 0) {
      throw new IllegalArgumentException(
          "weights '" + name + "' have " + data.length + " floats, not a multiple of 4");
    }
    return new ConstArg(name, new Phwc4Layout(1, 1, data.length / Phwc4Layout.LANES, 4), data);
  }

  @Override
  public String name() {
    return name;
  }

  /** The same data under another name (e.g. the program-scope name of an inlined constant). */
  public ConstArg withName(String newName) {
    return new ConstArg(newName, layout, data, half);
  }

  /**
   * The same constant stored on the device as 16-bit floats ({@link #halfBits}); only for data that
   * {@link HalfFloats#exact} holds, so that reading it back gives the same floats.
   */
  public ConstArg asHalf() {
    if (!exactInHalf()) {
      throw new IllegalArgumentException("constant '" + name + "' is not exact in 16 bits");
    }
    return new ConstArg(name, layout, data, true);
  }

  /** Whether the device stores this constant as 16-bit floats. */
  public boolean half() {
    return half;
  }

  /** Bytes the data takes on the device: 2 a value when {@link #half}, else 4. */
  public long deviceBytes() {
    return (long) data.length * (half ? Short.BYTES : Float.BYTES);
  }

  /** The data as 16-bit float bits (for a {@link #half} constant). */
  public short[] halfBits() {
    short[] bits = new short[data.length];
    for (int i = 0; i < data.length; i++) {
      bits[i] = HalfFloats.bits(data[i]);
    }
    return bits;
  }

  /** Whether every float of the data is exact in 16 bits. */
  public boolean exactInHalf() {
    for (float f : data) {
      if (!HalfFloats.exact(f)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Phwc4Layout layout() {
    return layout;
  }

  /** The data, read-only. */
  public FloatBuffer data() {
    return FloatBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** A copy of the data. */
  public float[] toArray() {
    return data.clone();
  }

  /** The number of floats. */
  public int length() {
    return data.length;
  }

  /** Float {@code i} of the data. */
  public float get(int i) {
    return data[i];
  }

  @Override
  public String toString() {
    return "ConstArg[" + name + ", " + layout + "]";
  }
}
