package io.jlite.gles;

import io.jlite.gpu.plan.DeviceBuffer;
import java.nio.ByteBuffer;

/**
 * A shader storage buffer of a {@link GlesContext}. Writes copy through a staging buffer with
 * {@code glBufferSubData}; reads wait for the compute work that wrote the buffer and map it. Use
 * from the context's thread only.
 */
public final class GlesBuffer extends GlesObject implements DeviceBuffer {
  private final long bytes;

  GlesBuffer(GlesContext context, String label, long bytes, int id) {
    super(context, "buffer", label, id);
    this.bytes = bytes;
  }

  /** The size in bytes. */
  public long bytes() {
    return bytes;
  }

  /** Copies {@code data} to the start of the buffer. */
  @Override
  public void write(float[] data) {
    long size = checkSize((long) data.length * Float.BYTES);
    ByteBuffer staging = context.staging(size);
    staging.asFloatBuffer().put(data);
    upload(staging);
  }

  /** Copies the remaining bytes of {@code data} to the start of the buffer. */
  public void write(ByteBuffer data) {
    long size = checkSize(data.remaining());
    if (data.isDirect()) {
      upload(data.slice());
    } else {
      ByteBuffer staging = context.staging(size);
      staging.put(data.duplicate()).flip();
      upload(staging);
    }
  }

  private void upload(ByteBuffer data) {
    GlesBinding gl = context.gl();
    gl.bindBuffer(Gl.GL_SHADER_STORAGE_BUFFER, id());
    gl.bufferSubData(Gl.GL_SHADER_STORAGE_BUFFER, 0, data);
    context.check("writing " + data.remaining() + " bytes to buffer '" + label() + "'");
  }

  /** Copies the start of the buffer into {@code data}, after the compute work writing it. */
  @Override
  public void read(float[] data) {
    long size = checkSize((long) data.length * Float.BYTES);
    GlesBinding gl = context.gl();
    // Shader writes become visible to mapping only after this barrier.
    gl.memoryBarrier(Gl.GL_BUFFER_UPDATE_BARRIER_BIT);
    gl.bindBuffer(Gl.GL_SHADER_STORAGE_BUFFER, id());
    ByteBuffer mapped = gl.mapBufferRange(Gl.GL_SHADER_STORAGE_BUFFER, 0, size, Gl.GL_MAP_READ_BIT);
    if (mapped == null) {
      context.check("mapping buffer '" + label() + "' for reading");
      throw new IllegalStateException("the driver mapped buffer '" + label() + "' to nothing");
    }
    mapped.asFloatBuffer().get(data);
    if (!gl.unmapBuffer(Gl.GL_SHADER_STORAGE_BUFFER)) {
      throw new io.jlite.GpuUnavailableException(
          "the contents of buffer '" + label() + "' were lost while mapped (display mode change?)");
    }
    context.check("reading " + size + " bytes from buffer '" + label() + "'");
  }

  private long checkSize(long size) {
    if (size > bytes) {
      throw new IllegalArgumentException(
          size + " bytes do not fit GLES buffer '" + label() + "' of " + bytes + " bytes");
    }
    return size;
  }

  @Override
  void delete(GlesBinding gl, int name) {
    gl.deleteBuffer(name);
  }

  @Override
  public String toString() {
    return "GlesBuffer[" + label() + ", " + bytes + " bytes]";
  }
}
