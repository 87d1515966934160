package io.jlite.gles;

/**
 * An immutable 2D texture of a {@link GlesContext} that compute shaders use as an {@code image2D}
 * (one level, {@code GL_RGBA32F}, or {@code GL_RGBA16F} for half storage). Its contents are written
 * and read by kernels only: OpenGL ES 3.1 has no portable way to read a float texture back to the
 * host, so tensors the host copies stay in {@link GlesBuffer}s. Use from the context's thread only.
 */
public final class GlesTexture implements AutoCloseable {
  private final GlesContext context;
  private final String label;
  private final int width;
  private final int height;
  private final boolean half;
  private int id;

  GlesTexture(GlesContext context, String label, int width, int height, boolean half, int id) {
    this.context = context;
    this.label = label;
    this.width = width;
    this.height = height;
    this.half = half;
    this.id = id;
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

  /** The device memory it holds: 4 channels of 2 or 4 bytes per texel. */
  public long bytes() {
    return (long) width * height * 4 * (half ? 2 : Float.BYTES);
  }

  /** The name given at allocation, for messages. */
  public String label() {
    return label;
  }

  /** The GL texture name. */
  int id() {
    context.checkThread();
    if (id == 0) {
      throw new IllegalStateException("GLES texture '" + label + "' is closed");
    }
    return id;
  }

  /** Deletes the GL texture; closing twice is harmless. */
  @Override
  public void close() {
    if (id != 0) {
      int released = id;
      context.checkThread();
      id = 0;
      context.released(this);
      context.gl().deleteTexture(released);
    }
  }

  @Override
  public String toString() {
    return "GlesTexture["
        + label
        + ", "
        + width
        + "x"
        + height
        + (half ? " rgba16f]" : " rgba32f]");
  }
}
