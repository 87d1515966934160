package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link Gl}'s enum values against both bindings' own constants (compile-time constants, so no
 * native library is loaded): a wrong value here would make one platform call GL with garbage.
 */
class GlConstantsTest {
  @Test
  void glValuesMatchLwjgl() {
    assertEquals(org.lwjgl.opengles.GLES31.GL_COMPUTE_SHADER, Gl.GL_COMPUTE_SHADER);
    assertEquals(org.lwjgl.opengles.GLES31.GL_SHADER_STORAGE_BUFFER, Gl.GL_SHADER_STORAGE_BUFFER);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_SHADER_STORAGE_BARRIER_BIT, Gl.GL_SHADER_STORAGE_BARRIER_BIT);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_BUFFER_UPDATE_BARRIER_BIT, Gl.GL_BUFFER_UPDATE_BARRIER_BIT);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_MAX_COMPUTE_WORK_GROUP_COUNT,
        Gl.GL_MAX_COMPUTE_WORK_GROUP_COUNT);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_MAX_COMPUTE_WORK_GROUP_SIZE,
        Gl.GL_MAX_COMPUTE_WORK_GROUP_SIZE);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS,
        Gl.GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_MAX_SHADER_STORAGE_BLOCK_SIZE,
        Gl.GL_MAX_SHADER_STORAGE_BLOCK_SIZE);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS,
        Gl.GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS);
    assertEquals(
        org.lwjgl.opengles.GLES30.GL_PROGRAM_BINARY_RETRIEVABLE_HINT,
        Gl.GL_PROGRAM_BINARY_RETRIEVABLE_HINT);
    assertEquals(org.lwjgl.opengles.GLES30.GL_PROGRAM_BINARY_LENGTH, Gl.GL_PROGRAM_BINARY_LENGTH);
    assertEquals(
        org.lwjgl.opengles.GLES30.GL_NUM_PROGRAM_BINARY_FORMATS, Gl.GL_NUM_PROGRAM_BINARY_FORMATS);
    assertEquals(org.lwjgl.opengles.GLES30.GL_MAP_READ_BIT, Gl.GL_MAP_READ_BIT);
    assertEquals(org.lwjgl.opengles.GLES30.GL_DYNAMIC_COPY, Gl.GL_DYNAMIC_COPY);
    assertEquals(org.lwjgl.opengles.GLES20.GL_COMPILE_STATUS, Gl.GL_COMPILE_STATUS);
    assertEquals(org.lwjgl.opengles.GLES20.GL_LINK_STATUS, Gl.GL_LINK_STATUS);
    assertEquals(org.lwjgl.opengles.GLES20.GL_OUT_OF_MEMORY, Gl.GL_OUT_OF_MEMORY);
    assertEquals(org.lwjgl.opengles.GLES20.GL_VERSION, Gl.GL_VERSION);
    assertEquals(org.lwjgl.opengles.GLES20.GL_TEXTURE_2D, Gl.GL_TEXTURE_2D);
    assertEquals(org.lwjgl.opengles.GLES20.GL_MAX_TEXTURE_SIZE, Gl.GL_MAX_TEXTURE_SIZE);
    assertEquals(org.lwjgl.opengles.GLES30.GL_RGBA32F, Gl.GL_RGBA32F);
    assertEquals(org.lwjgl.opengles.GLES30.GL_RGBA16F, Gl.GL_RGBA16F);
    assertEquals(org.lwjgl.opengles.GLES31.GL_READ_ONLY, Gl.GL_READ_ONLY);
    assertEquals(org.lwjgl.opengles.GLES31.GL_WRITE_ONLY, Gl.GL_WRITE_ONLY);
    assertEquals(org.lwjgl.opengles.GLES31.GL_MAX_IMAGE_UNITS, Gl.GL_MAX_IMAGE_UNITS);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_MAX_COMPUTE_IMAGE_UNIFORMS, Gl.GL_MAX_COMPUTE_IMAGE_UNIFORMS);
    assertEquals(
        org.lwjgl.opengles.GLES31.GL_SHADER_IMAGE_ACCESS_BARRIER_BIT,
        Gl.GL_SHADER_IMAGE_ACCESS_BARRIER_BIT);
    assertEquals(
        org.lwjgl.opengles.GLES20.GL_SHADING_LANGUAGE_VERSION, Gl.GL_SHADING_LANGUAGE_VERSION);
  }

  @Test
  void glValuesMatchAndroid() {
    assertEquals(android.opengl.GLES31.GL_COMPUTE_SHADER, Gl.GL_COMPUTE_SHADER);
    assertEquals(android.opengl.GLES31.GL_SHADER_STORAGE_BUFFER, Gl.GL_SHADER_STORAGE_BUFFER);
    assertEquals(
        android.opengl.GLES31.GL_SHADER_STORAGE_BARRIER_BIT, Gl.GL_SHADER_STORAGE_BARRIER_BIT);
    assertEquals(
        android.opengl.GLES31.GL_BUFFER_UPDATE_BARRIER_BIT, Gl.GL_BUFFER_UPDATE_BARRIER_BIT);
    assertEquals(
        android.opengl.GLES31.GL_MAX_COMPUTE_WORK_GROUP_SIZE, Gl.GL_MAX_COMPUTE_WORK_GROUP_SIZE);
    assertEquals(
        android.opengl.GLES31.GL_MAX_SHADER_STORAGE_BLOCK_SIZE,
        Gl.GL_MAX_SHADER_STORAGE_BLOCK_SIZE);
    assertEquals(
        android.opengl.GLES30.GL_PROGRAM_BINARY_RETRIEVABLE_HINT,
        Gl.GL_PROGRAM_BINARY_RETRIEVABLE_HINT);
    assertEquals(android.opengl.GLES30.GL_PROGRAM_BINARY_LENGTH, Gl.GL_PROGRAM_BINARY_LENGTH);
    assertEquals(android.opengl.GLES30.GL_MAP_READ_BIT, Gl.GL_MAP_READ_BIT);
    assertEquals(android.opengl.GLES20.GL_COMPILE_STATUS, Gl.GL_COMPILE_STATUS);
    assertEquals(android.opengl.GLES20.GL_LINK_STATUS, Gl.GL_LINK_STATUS);
    assertEquals(android.opengl.GLES20.GL_TEXTURE_2D, Gl.GL_TEXTURE_2D);
    assertEquals(android.opengl.GLES20.GL_MAX_TEXTURE_SIZE, Gl.GL_MAX_TEXTURE_SIZE);
    assertEquals(android.opengl.GLES30.GL_RGBA32F, Gl.GL_RGBA32F);
    assertEquals(android.opengl.GLES30.GL_RGBA16F, Gl.GL_RGBA16F);
    assertEquals(android.opengl.GLES31.GL_READ_ONLY, Gl.GL_READ_ONLY);
    assertEquals(android.opengl.GLES31.GL_WRITE_ONLY, Gl.GL_WRITE_ONLY);
    assertEquals(android.opengl.GLES31.GL_MAX_IMAGE_UNITS, Gl.GL_MAX_IMAGE_UNITS);
    assertEquals(
        android.opengl.GLES31.GL_MAX_COMPUTE_IMAGE_UNIFORMS, Gl.GL_MAX_COMPUTE_IMAGE_UNIFORMS);
    assertEquals(
        android.opengl.GLES31.GL_SHADER_IMAGE_ACCESS_BARRIER_BIT,
        Gl.GL_SHADER_IMAGE_ACCESS_BARRIER_BIT);
    assertEquals(android.opengl.EGL14.EGL_RENDERABLE_TYPE, Gl.EGL_RENDERABLE_TYPE);
    assertEquals(android.opengl.EGL14.EGL_SURFACE_TYPE, Gl.EGL_SURFACE_TYPE);
    assertEquals(android.opengl.EGL14.EGL_PBUFFER_BIT, Gl.EGL_PBUFFER_BIT);
    assertEquals(android.opengl.EGL14.EGL_NONE, Gl.EGL_NONE);
    assertEquals(android.opengl.EGL14.EGL_WIDTH, Gl.EGL_WIDTH);
    assertEquals(android.opengl.EGL14.EGL_BAD_ALLOC, 0x3003);
    assertEquals("EGL_BAD_ALLOC", Gl.eglErrorName(android.opengl.EGL14.EGL_BAD_ALLOC));
    assertEquals(android.opengl.EGLExt.EGL_OPENGL_ES3_BIT_KHR, Gl.EGL_OPENGL_ES3_BIT);
  }

  @Test
  void errorNamesAreSpelledOut() {
    assertEquals("GL_OUT_OF_MEMORY", Gl.errorName(0x0505));
    assertEquals("GL error 0x9999", Gl.errorName(0x9999));
    assertEquals("EGL_CONTEXT_LOST", Gl.eglErrorName(0x300E));
    assertEquals("EGL error 0x2fff", Gl.eglErrorName(0x2FFF));
  }

  @Test
  void esVersionIsReadFromTheVersionString() {
    assertEquals(32, GlesDeviceInfo.esVersion("OpenGL ES 3.2 NVIDIA 580.159.04"));
    assertEquals(31, GlesDeviceInfo.esVersion("OpenGL ES 3.1 Mesa 22.3.6"));
    assertEquals(0, GlesDeviceInfo.esVersion("4.6.0 NVIDIA 580"));
  }
}
