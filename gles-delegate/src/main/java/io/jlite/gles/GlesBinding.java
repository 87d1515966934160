package io.jlite.gles;

import java.nio.ByteBuffer;

/**
 * The EGL and OpenGL ES 3.1 calls the compute delegate makes, and nothing more, so that the
 * delegate runs on desktop drivers ({@link io.jlite.gles.lwjgl.LwjglBinding}) and on Android
 * ({@link io.jlite.gles.android.AndroidBinding}) from the same code.
 *
 * <p>Methods named after a GL function behave as that function (enum values in {@link Gl}); GL
 * errors are not checked here but read by the caller with {@link #getError()}. Buffers passed in or
 * returned are direct and in native byte order. All calls but {@link #createContext()} need the
 * context current on the calling thread.
 */
public interface GlesBinding {
  /**
   * Opens a display, creates an OpenGL ES 3.1 (or later) context without a window and makes it
   * current on the calling thread.
   *
   * @return how the display was opened, for messages (e.g. {@code "EGL 1.5, default display"})
   * @throws io.jlite.GpuUnavailableException when no display or context can be had, with the reason
   *     of every attempt
   */
  String createContext();

  /**
   * Makes no context current, destroys the context (and surface, if any), terminates the display
   * and releases EGL's per-thread state. Safe to call when no context exists. Drivers that outlive
   * their display (NVIDIA) can crash at process exit otherwise.
   */
  void destroyContext();

  /** {@code glGetString}. */
  String getString(int name);

  /** {@code glGetIntegerv} of one value. */
  int getInteger(int name);

  /** {@code glGetIntegeri_v} of one value. */
  int getIntegerIndexed(int name, int index);

  /** {@code glGetError}. */
  int getError();

  /** {@code glGenBuffers} of one buffer. */
  int genBuffer();

  /** {@code glDeleteBuffers} of one buffer. */
  void deleteBuffer(int buffer);

  /** {@code glBindBuffer}. */
  void bindBuffer(int target, int buffer);

  /** {@code glBufferData} without initial data. */
  void bufferData(int target, long size, int usage);

  /** {@code glBufferSubData} of {@code data}'s remaining bytes. */
  void bufferSubData(int target, long offset, ByteBuffer data);

  /**
   * {@code glMapBufferRange}: a view of the mapped bytes, valid until {@link #unmapBuffer}; null
   * when the driver refused.
   */
  ByteBuffer mapBufferRange(int target, long offset, long length, int access);

  /** {@code glUnmapBuffer}; false when the contents were lost while mapped. */
  boolean unmapBuffer(int target);

  /** {@code glBindBufferBase}. */
  void bindBufferBase(int target, int index, int buffer);

  /** {@code glGenTextures} of one texture. */
  int genTexture();

  /** {@code glDeleteTextures} of one texture. */
  void deleteTexture(int texture);

  /** {@code glBindTexture}. */
  void bindTexture(int target, int texture);

  /** {@code glTexStorage2D}: immutable storage, contents undefined. */
  void texStorage2D(int target, int levels, int internalFormat, int width, int height);

  /** {@code glBindImageTexture}. */
  void bindImageTexture(
      int unit, int texture, int level, boolean layered, int layer, int access, int format);

  /** {@code glCreateShader}. */
  int createShader(int type);

  /** {@code glShaderSource} of one string. */
  void shaderSource(int shader, String source);

  /** {@code glCompileShader}. */
  void compileShader(int shader);

  /** {@code glGetShaderiv}. */
  int getShaderi(int shader, int name);

  /** {@code glGetShaderInfoLog}. */
  String getShaderInfoLog(int shader);

  /** {@code glDeleteShader}. */
  void deleteShader(int shader);

  /** {@code glCreateProgram}. */
  int createProgram();

  /** {@code glAttachShader}. */
  void attachShader(int program, int shader);

  /** {@code glLinkProgram}. */
  void linkProgram(int program);

  /** {@code glGetProgramiv}. */
  int getProgrami(int program, int name);

  /** {@code glGetProgramInfoLog}. */
  String getProgramInfoLog(int program);

  /** {@code glDeleteProgram}. */
  void deleteProgram(int program);

  /** {@code glUseProgram}. */
  void useProgram(int program);

  /** {@code glProgramParameteri}. */
  void programParameteri(int program, int name, int value);

  /**
   * {@code glGetProgramBinary} into {@code target}'s remaining bytes (sized by {@code
   * GL_PROGRAM_BINARY_LENGTH}); the binary's length is {@code target}'s new position.
   *
   * @return the binary format
   */
  int getProgramBinary(int program, ByteBuffer target);

  /** {@code glProgramBinary} of {@code binary}'s remaining bytes. */
  void programBinary(int program, int format, ByteBuffer binary);

  /** {@code glDispatchCompute}. */
  void dispatchCompute(int groupsX, int groupsY, int groupsZ);

  /** {@code glMemoryBarrier}. */
  void memoryBarrier(int barriers);

  /** {@code glFinish}. */
  void finish();
}
