package io.jlite.gles;

import java.util.List;

/**
 * A linked compute program of a {@link GlesContext}. {@link #dispatch} binds buffers to the binding
 * points and textures to the image units in order and runs workgroups; a barrier after each
 * dispatch makes its writes visible to the next one. Use from the context's thread only.
 */
public final class GlesProgram extends GlesObject {
  /**
   * A texture bound as an image, in its own format.
   *
   * @param texture the texture
   * @param write whether the shader writes it ({@code writeonly}), else reads it ({@code readonly})
   */
  public record Image(GlesTexture texture, boolean write) {}

  GlesProgram(GlesContext context, String label, int id) {
    super(context, "program", label, id);
  }

  /**
   * Runs {@code groupsX × groupsY × groupsZ} workgroups with {@code buffers.get(i)} bound to
   * storage binding point {@code i}. Only queues the work: a later {@link GlesBuffer#read} waits.
   */
  public void dispatch(List<GlesBuffer> buffers, int groupsX, int groupsY, int groupsZ) {
    dispatch(buffers, List.of(), groupsX, groupsY, groupsZ);
  }

  /**
   * Runs {@code groupsX × groupsY × groupsZ} workgroups with {@code buffers.get(i)} bound to
   * storage binding point {@code i} and {@code images.get(u)} to image unit {@code u}. Only queues
   * the work: a later {@link GlesBuffer#read} waits.
   */
  public void dispatch(
      List<GlesBuffer> buffers, List<Image> images, int groupsX, int groupsY, int groupsZ) {
    int id = id();
    GlesDeviceInfo info = context.info();
    if (buffers.size() > info.maxStorageBlocks()) {
      throw new io.jlite.GpuUnavailableException(
          "kernel '"
              + label()
              + "' binds "
              + buffers.size()
              + " buffers; the driver allows "
              + info.maxStorageBlocks());
    }
    if (images.size() > info.maxImageUnits()) {
      throw new io.jlite.GpuUnavailableException(
          "kernel '"
              + label()
              + "' binds "
              + images.size()
              + " images; the driver allows "
              + info.maxImageUnits());
    }
    GlesBinding gl = context.gl();
    gl.useProgram(id);
    for (int i = 0; i < buffers.size(); i++) {
      gl.bindBufferBase(Gl.GL_SHADER_STORAGE_BUFFER, i, buffers.get(i).id());
    }
    for (int u = 0; u < images.size(); u++) {
      GlesTexture t = images.get(u).texture();
      int access = images.get(u).write() ? Gl.GL_WRITE_ONLY : Gl.GL_READ_ONLY;
      gl.bindImageTexture(u, t.id(), 0, false, 0, access, t.format());
    }
    gl.dispatchCompute(groupsX, groupsY, groupsZ);
    // Image stores need their own barrier before the next dispatch's image loads.
    gl.memoryBarrier(
        images.isEmpty()
            ? Gl.GL_SHADER_STORAGE_BARRIER_BIT
            : Gl.GL_SHADER_STORAGE_BARRIER_BIT | Gl.GL_SHADER_IMAGE_ACCESS_BARRIER_BIT);
    context.check(
        "dispatching "
            + groupsX
            + "x"
            + groupsY
            + "x"
            + groupsZ
            + " workgroups of '"
            + label()
            + "'");
  }

  /** Deletes the GL program (the context does when it closes). */
  @Override
  void delete(GlesBinding gl, int name) {
    gl.deleteProgram(name);
  }

  @Override
  public String toString() {
    return "GlesProgram[" + label() + "]";
  }
}
