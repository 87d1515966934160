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

  /**
   * @param data {@code 4 · layout.vec4Count()} floats; copied
   */
  public ConstArg(String name, Phwc4Layout layout, float[] data) {
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
    return new ConstArg(newName, layout, data);
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
