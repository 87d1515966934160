package io.jlite.gles;

/**
 * An immutable 2D texture of a {@link GlesContext} that compute shaders use as an {@code image2D}
 * (one level, {@code GL_RGBA32F}, or {@code GL_RGBA16F} for half storage). Its contents are written
 * and read by kernels only: OpenGL ES 3.1 has no portable way to read a float texture back to the
 * host, so tensors the host copies stay in {@link GlesBuffer}s. Use from the context's thread only.
 */
public final class GlesTexture extends GlesObject {
  private final int width;
  private final int height;
  private final boolean half;

  GlesTexture(GlesContext context, String label, int width, int height, boolean half, int id) {
    super(context, "texture", label, id);
    this.width = width;
    this.height = height;
    this.half = half;
  }

  /** Texels per row. */
  public int width() {
    return width;
  }

  /** Rows. */
  public int height() {
    return height;
  }

  /** The internal format, also the format images are bound with. */
  public int format() {
    return format(half);
  }

  /** {@code GL_RGBA16F} for half storage, else {@code GL_RGBA32F}. */
  static int format(boolean half) {
    return half ? Gl.GL_RGBA16F : Gl.GL_RGBA32F;
  }

  /** The device memory it holds. */
  public long bytes() {
    return height * rowBytes(width, half);
  }

  /** The bytes of a row of {@code width} texels: 4 channels of 2 (half) or 4 bytes each. */
  static long rowBytes(long width, boolean half) {
    return width * 4 * (half ? 2 : Float.BYTES);
  }

  @Override
  void delete(GlesBinding gl, int name) {
    gl.deleteTexture(name);
  }

  @Override
  public String toString() {
    return "GlesTexture["
        + label()
        + ", "
        + width
        + "x"
        + height
        + (half ? " rgba16f]" : " rgba32f]");
  }
}
