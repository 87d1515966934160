package io.jlite.gpu.layout;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.Shape;

/**
 * The PHWC4 layout of a tensor on the GPU, as in the paper (§4): the tensor is viewed as BHWC and
 * its channels are cut into {@code slices = ceil(C / 4)} slices of 4; element {@code (b, y, x, c)}
 * lives in vec4 number {@link #index index(b, y, x, c / 4)}, lane {@code c % 4}. Lanes past {@code
 * C} in the last slice are padding and hold zero.
 *
 * <p>A tensor of rank r ≤ 4 is viewed as BHWC by prepending 1s to its shape ({@code [C]} is {@code
 * [1, 1, 1, C]}, {@code [N, C]} is {@code [1, 1, N, C]}, {@code [H, W, C]} is {@code [1, H, W,
 * C]}); this keeps the row-major order of the elements, so a RESHAPE between views never reorders
 * data and an axis {@code a} of the tensor is axis {@code a + 4 - r} of the view.
 *
 * @param batch B
 * @param height H
 * @param width W
 * @param channels C (not padded)
 */
public record Phwc4Layout(int batch, int height, int width, int channels) {
  /** The number of lanes per slice. */
  public static final int LANES = 4;

  public Phwc4Layout {
    if (batch < 0 || height < 0 || width < 0 || channels < 0) {
      throw new IllegalArgumentException(
          "negative dimension in BHWC " + batch + "x" + height + "x" + width + "x" + channels);
    }
  }

  /**
   * The layout of a tensor of the given shape (rank ≤ 4).
   *
   * @throws ShapeMismatchException for rank above 4, which has no BHWC view
   */
  public static Phwc4Layout of(Shape shape) {
    int[] bhwc = bhwc(shape);
    return new Phwc4Layout(bhwc[0], bhwc[1], bhwc[2], bhwc[3]);
  }

  /**
   * The BHWC view of a shape of rank ≤ 4: its dimensions with 1s prepended.
   *
   * @throws ShapeMismatchException for rank above 4
   */
  public static int[] bhwc(Shape shape) {
    if (shape.rank() > 4) {
      throw new ShapeMismatchException(
          "a shape of rank " + shape.rank() + " has no BHWC view: " + shape);
    }
    int[] out = {1, 1, 1, 1};
    int offset = 4 - shape.rank();
    for (int d = 0; d < shape.rank(); d++) {
      out[d + offset] = shape.dim(d);
    }
    return out;
  }

  /**
   * Whether a buffer in this layout holds exactly the data of one in {@code other}: same batch,
   * channels and {@code H·W}. The vec4 index {@code ((b·S + s)·H + y)·W + x} depends on y and x
   * only through the row-major spatial position {@code y·W + x}, so views that split the spatial
   * extent differently (a RESHAPE of [1, 2, 3, C] to [1, 6, C]) read the same vec4s.
   */
  public boolean sharesStorageWith(Phwc4Layout other) {
    return batch == other.batch
        && channels == other.channels
        && (long) height * width == (long) other.height * other.width;
  }

  /** The number of 4-channel slices, {@code ceil(C / 4)}. */
  public int slices() {
    return (channels + LANES - 1) / LANES;
  }

  /** The number of vec4 elements the layout stores: {@code B · S · H · W}. */
  public long vec4Count() {
    return (long) batch * slices() * height * width;
  }

  /** The number of floats the layout stores, padding included: {@code 4 · vec4Count()}. */
  public long floatCount() {
    return vec4Count() * LANES;
  }

  /**
   * Bytes of the GPU buffer at {@code bytesPerElement} bytes per float (4 for fp32, 2 for fp16).
   */
  public long byteSize(int bytesPerElement) {
    return floatCount() * bytesPerElement;
  }

  /** The BHWC element count, without padding. */
  public long elementCount() {
    return (long) batch * height * width * channels;
  }

  /**
   * The vec4 index of slice {@code s} at {@code (b, y, x)}: slices are outermost after the batch,
   * so one slice of the whole image is contiguous ({@code ((b·S + s)·H + y)·W + x}).
   */
  public int index(int b, int y, int x, int s) {
    return ((b * slices() + s) * height + y) * width + x;
  }

  /**
   * The layout of {@code elements} floats in plain order, as vec4s: the buffer a host writes BHWC
   * data to (float {@code i} is lane {@code i % 4} of vec4 {@code i / 4}).
   */
  public static Phwc4Layout flat(long elements) {
    return new Phwc4Layout(1, 1, Math.toIntExact((elements + LANES - 1) / LANES), LANES);
  }

  /**
   * Whether PHWC4 data in this layout is float for float the same as row-major BHWC (one full
   * slice, or whole slices of a single position), so no conversion is needed.
   */
  public boolean sameAsBhwc() {
    return channels == LANES || ((long) height * width == 1 && channels % LANES == 0);
  }

  /** Strides, in vec4s, of the B, S, H and W axes (in that order). */
  public int[] vec4Strides() {
    return new int[] {slices() * height * width, height * width, width, 1};
  }

  /** Converts row-major BHWC floats (length {@link #elementCount}) to PHWC4 with zero padding. */
  public float[] fromBhwc(float[] bhwc) {
    checkLength(bhwc.length, elementCount(), "BHWC");
    float[] out = new float[Math.toIntExact(floatCount())];
    int i = 0;
    for (int b = 0; b < batch; b++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          for (int c = 0; c < channels; c++) {
            out[index(b, y, x, c / LANES) * LANES + c % LANES] = bhwc[i++];
          }
        }
      }
    }
    return out;
  }

  /** Converts PHWC4 floats (length {@link #floatCount}) to row-major BHWC, dropping padding. */
  public float[] toBhwc(float[] phwc4) {
    checkLength(phwc4.length, floatCount(), "PHWC4");
    float[] out = new float[Math.toIntExact(elementCount())];
    int i = 0;
    for (int b = 0; b < batch; b++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          for (int c = 0; c < channels; c++) {
            out[i++] = phwc4[index(b, y, x, c / LANES) * LANES + c % LANES];
          }
        }
      }
    }
    return out;
  }

  private void checkLength(int actual, long expected, String what) {
    if (actual != expected) {
      throw new ShapeMismatchException(
          what + " data has " + actual + " floats, layout " + this + " needs " + expected);
    }
  }

  @Override
  public String toString() {
    return "PHWC4[B="
        + batch
        + ", H="
        + height
        + ", W="
        + width
        + ", C="
        + channels
        + ", S="
        + slices()
        + "]";
  }
}
