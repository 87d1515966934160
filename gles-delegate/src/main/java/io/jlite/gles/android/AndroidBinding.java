package io.jlite.gles.android;

import android.opengl.EGL14;
import android.opengl.EGLConfig;
import android.opengl.EGLContext;
import android.opengl.EGLDisplay;
import android.opengl.EGLSurface;
import android.opengl.GLES20;
import android.opengl.GLES30;
import android.opengl.GLES31;
import io.jlite.GpuUnavailableException;
import io.jlite.gles.EglDisplays;
import io.jlite.gles.Gl;
import io.jlite.gles.GlesBinding;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link GlesBinding} for Android through {@code android.opengl.EGL14} and {@code GLES31} (API
 * 21+). Compiled against the Android API jar; it runs only on a device, where the app supplies
 * these classes (leave LWJGL out of an Android build).
 *
 * <p>The context is current on a 1×1 pbuffer: every Android EGL has pbuffers, not all have {@code
 * EGL_KHR_surfaceless_context}. It is requested as {@code EGL_CONTEXT_CLIENT_VERSION 3}, which
 * Android answers with its highest OpenGL ES 3.x; {@link io.jlite.gles.GlesContext} then checks for
 * 3.1.
 */
public final class AndroidBinding implements GlesBinding {
  /** {@code EGL_CONTEXT_CLIENT_VERSION}. */
  static final int EGL_CONTEXT_CLIENT_VERSION = 0x3098;

  private EGLDisplay display;
  private EGLContext context;
  private EGLSurface surface;

  /**
   * The attributes for {@code eglCreateContext}: any OpenGL ES 3.x. Android's EGL 1.4 knows no
   * minor version attribute (that needs EGL 1.5 or {@code EGL_KHR_create_context}).
   */
  static int[] contextAttributes() {
    return new int[] {EGL_CONTEXT_CLIENT_VERSION, 3, Gl.EGL_NONE};
  }

  /** {@code value} as the {@code int} Android's GL methods take for sizes and offsets. */
  static int narrow(long value, String what) {
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          what + " of " + value + " does not fit the int that Android's OpenGL ES API takes");
    }
    return (int) value;
  }

  @Override
  public String createContext() {
    if (display != null) {
      throw new IllegalStateException("this binding already has a context");
    }
    EGLDisplay d = EGL14.eglGetDisplay(EGL14.EGL_DEFAULT_DISPLAY);
    int[] version = new int[2];
    if (EGL14.EGL_NO_DISPLAY.equals(d) || !EGL14.eglInitialize(d, version, 0, version, 1)) {
      throw new GpuUnavailableException("no EGL display (" + eglError() + ")");
    }
    EglDisplays.acquire(d.getNativeHandle());
    display = d;
    try {
      EGLConfig[] configs = new EGLConfig[1];
      int[] found = new int[1];
      if (!EGL14.eglChooseConfig(d, Gl.configAttributes(), 0, configs, 0, 1, found, 0)
          || found[0] == 0) {
        throw new GpuUnavailableException("no OpenGL ES 3 config (" + eglError() + ")");
      }
      context = EGL14.eglCreateContext(d, configs[0], EGL14.EGL_NO_CONTEXT, contextAttributes(), 0);
      if (context == null || EGL14.EGL_NO_CONTEXT.equals(context)) {
        throw new GpuUnavailableException("no OpenGL ES 3 context (" + eglError() + ")");
      }
      surface = EGL14.eglCreatePbufferSurface(d, configs[0], Gl.pbufferAttributes(), 0);
      if (surface == null || EGL14.EGL_NO_SURFACE.equals(surface)) {
        throw new GpuUnavailableException("no 1x1 pbuffer (" + eglError() + ")");
      }
      if (!EGL14.eglMakeCurrent(d, surface, surface, context)) {
        throw new GpuUnavailableException("eglMakeCurrent failed (" + eglError() + ")");
      }
      return "EGL " + version[0] + "." + version[1] + ", default display, 1x1 pbuffer";
    } catch (GpuUnavailableException e) {
      destroyContext();
      throw e;
    }
  }

  private static String eglError() {
    return Gl.eglErrorName(EGL14.eglGetError());
  }

  @Override
  public void destroyContext() {
    if (display == null) {
      return;
    }
    EGLDisplay d = display;
    display = null;
    EGL14.eglMakeCurrent(d, EGL14.EGL_NO_SURFACE, EGL14.EGL_NO_SURFACE, EGL14.EGL_NO_CONTEXT);
    if (surface != null && !EGL14.EGL_NO_SURFACE.equals(surface)) {
      EGL14.eglDestroySurface(d, surface);
    }
    if (context != null && !EGL14.EGL_NO_CONTEXT.equals(context)) {
      EGL14.eglDestroyContext(d, context);
    }
    surface = null;
    context = null;
    if (EglDisplays.release(d.getNativeHandle())) {
      EGL14.eglTerminate(d);
    }
    EGL14.eglReleaseThread();
  }

  @Override
  public String getString(int name) {
    return GLES20.glGetString(name);
  }

  @Override
  public int getInteger(int name) {
    int[] value = new int[1];
    GLES20.glGetIntegerv(name, value, 0);
    return value[0];
  }

  @Override
  public int getIntegerIndexed(int name, int index) {
    int[] value = new int[1];
    GLES30.glGetIntegeri_v(name, index, value, 0);
    return value[0];
  }

  @Override
  public int getError() {
    return GLES20.glGetError();
  }

  @Override
  public int genBuffer() {
    int[] buffer = new int[1];
    GLES20.glGenBuffers(1, buffer, 0);
    return buffer[0];
  }

  @Override
  public void deleteBuffer(int buffer) {
    GLES20.glDeleteBuffers(1, new int[] {buffer}, 0);
  }

  @Override
  public void bindBuffer(int target, int buffer) {
    GLES20.glBindBuffer(target, buffer);
  }

  @Override
  public void bufferData(int target, long size, int usage) {
    GLES20.glBufferData(target, narrow(size, "buffer size"), null, usage);
  }

  @Override
  public void bufferSubData(int target, long offset, ByteBuffer data) {
    GLES20.glBufferSubData(target, narrow(offset, "offset"), data.remaining(), data);
  }

  @Override
  public ByteBuffer mapBufferRange(int target, long offset, long length, int access) {
    Buffer mapped =
        GLES30.glMapBufferRange(target, narrow(offset, "offset"), narrow(length, "length"), access);
    return mapped instanceof ByteBuffer bytes ? bytes.order(ByteOrder.nativeOrder()) : null;
  }

  @Override
  public boolean unmapBuffer(int target) {
    return GLES30.glUnmapBuffer(target);
  }

  @Override
  public void bindBufferBase(int target, int index, int buffer) {
    GLES30.glBindBufferBase(target, index, buffer);
  }

  @Override
  public int genTexture() {
    int[] texture = new int[1];
    GLES20.glGenTextures(1, texture, 0);
    return texture[0];
  }

  @Override
  public void deleteTexture(int texture) {
    GLES20.glDeleteTextures(1, new int[] {texture}, 0);
  }

  @Override
  public void bindTexture(int target, int texture) {
    GLES20.glBindTexture(target, texture);
  }

  @Override
  public void texStorage2D(int target, int levels, int internalFormat, int width, int height) {
    GLES30.glTexStorage2D(target, levels, internalFormat, width, height);
  }

  @Override
  public void bindImageTexture(
      int unit, int texture, int level, boolean layered, int layer, int access, int format) {
    GLES31.glBindImageTexture(unit, texture, level, layered, layer, access, format);
  }

  @Override
  public int createShader(int type) {
    return GLES20.glCreateShader(type);
  }

  @Override
  public void shaderSource(int shader, String source) {
    GLES20.glShaderSource(shader, source);
  }

  @Override
  public void compileShader(int shader) {
    GLES20.glCompileShader(shader);
  }

  @Override
  public int getShaderi(int shader, int name) {
    int[] value = new int[1];
    GLES20.glGetShaderiv(shader, name, value, 0);
    return value[0];
  }

  @Override
  public String getShaderInfoLog(int shader) {
    return GLES20.glGetShaderInfoLog(shader);
  }

  @Override
  public void deleteShader(int shader) {
    GLES20.glDeleteShader(shader);
  }

  @Override
  public int createProgram() {
    return GLES20.glCreateProgram();
  }

  @Override
  public void attachShader(int program, int shader) {
    GLES20.glAttachShader(program, shader);
  }

  @Override
  public void linkProgram(int program) {
    GLES20.glLinkProgram(program);
  }

  @Override
  public int getProgrami(int program, int name) {
    int[] value = new int[1];
    GLES20.glGetProgramiv(program, name, value, 0);
    return value[0];
  }

  @Override
  public String getProgramInfoLog(int program) {
    return GLES20.glGetProgramInfoLog(program);
  }

  @Override
  public void deleteProgram(int program) {
    GLES20.glDeleteProgram(program);
  }

  @Override
  public void useProgram(int program) {
    GLES20.glUseProgram(program);
  }

  @Override
  public void programParameteri(int program, int name, int value) {
    GLES30.glProgramParameteri(program, name, value);
  }

  @Override
  public int getProgramBinary(int program, ByteBuffer target) {
    int[] length = new int[1];
    int[] format = new int[1];
    // Android writes at the buffer's position and does not move it: advance by the length given.
    GLES30.glGetProgramBinary(program, target.remaining(), length, 0, format, 0, target);
    target.position(target.position() + length[0]);
    return format[0];
  }

  @Override
  public void programBinary(int program, int format, ByteBuffer binary) {
    GLES30.glProgramBinary(program, format, binary, binary.remaining());
  }

  @Override
  public void dispatchCompute(int groupsX, int groupsY, int groupsZ) {
    GLES31.glDispatchCompute(groupsX, groupsY, groupsZ);
  }

  @Override
  public void memoryBarrier(int barriers) {
    GLES31.glMemoryBarrier(barriers);
  }

  @Override
  public void finish() {
    GLES20.glFinish();
  }
}
