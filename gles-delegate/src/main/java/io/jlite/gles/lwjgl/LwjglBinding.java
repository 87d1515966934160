package io.jlite.gles.lwjgl;

import static org.lwjgl.egl.EGL10.EGL_EXTENSIONS;
import static org.lwjgl.egl.EGL10.EGL_NO_CONTEXT;
import static org.lwjgl.egl.EGL10.EGL_NO_DISPLAY;
import static org.lwjgl.egl.EGL10.EGL_NO_SURFACE;

import io.jlite.GpuUnavailableException;
import io.jlite.gles.EglDisplays;
import io.jlite.gles.Gl;
import io.jlite.gles.GlesBinding;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.egl.EGL;
import org.lwjgl.egl.EGL10;
import org.lwjgl.egl.EGL12;
import org.lwjgl.egl.EGLCapabilities;
import org.lwjgl.egl.EXTDeviceEnumeration;
import org.lwjgl.egl.EXTDeviceQuery;
import org.lwjgl.egl.EXTPlatformBase;
import org.lwjgl.opengles.GLES;
import org.lwjgl.opengles.GLES20;
import org.lwjgl.opengles.GLES30;
import org.lwjgl.opengles.GLES31;
import org.lwjgl.system.JNI;

/**
 * {@link GlesBinding} for desktop Linux through LWJGL's EGL and OpenGL ES bindings (the system's
 * {@code libEGL.so.1} and {@code libGLESv2.so.2}: glvnd dispatching to Mesa or the GPU vendor).
 *
 * <p>No window exists, so the display is tried in this order until one gives an OpenGL ES 3.1
 * context: the default display (the vendor driver; Mesa when {@code EGL_PLATFORM=surfaceless} is
 * set), each EGL device (hardware first, then Mesa's software device) and Mesa's surfaceless
 * platform. The context is made current without a surface where {@code EGL_KHR_surfaceless_context}
 * allows, else on a 1×1 pbuffer.
 */
public final class LwjglBinding implements GlesBinding {
  /** {@code EGL_DEFAULT_DISPLAY}: the native display "none" (a null pointer). */
  private static final long EGL_DEFAULT_DISPLAY = 0L;

  /** {@code EGL_PLATFORM_DEVICE_EXT}. */
  private static final int EGL_PLATFORM_DEVICE = 0x313F;

  /** {@code EGL_PLATFORM_SURFACELESS_MESA}. */
  private static final int EGL_PLATFORM_SURFACELESS = 0x31DD;

  private static final String INSTALL_HINT =
      "install an EGL driver with OpenGL ES 3.1: the GPU vendor's, or Mesa's llvmpipe (Debian:"
          + " libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri libgbm1)";

  private long display = EGL_NO_DISPLAY;
  private long context = EGL_NO_CONTEXT;
  private long surface = EGL_NO_SURFACE;
  private boolean glesLoaded;

  /** A way to get a display, tried in order. */
  private record Candidate(String name, DisplaySource source) {}

  @FunctionalInterface
  private interface DisplaySource {
    long get();
  }

  @Override
  public String createContext() {
    if (context != EGL_NO_CONTEXT) {
      throw new IllegalStateException("this binding already has a context");
    }
    EGLCapabilities client;
    String clientExtensions;
    try {
      client = EGL.getCapabilities();
      clientExtensions = String.valueOf(EGL10.eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS));
    } catch (LinkageError | RuntimeException e) {
      throw new GpuUnavailableException(
          "cannot load EGL (libEGL.so.1): " + e + "; " + INSTALL_HINT, e);
    }
    List<String> failures = new ArrayList<>();
    for (Candidate candidate : candidates(client, clientExtensions)) {
      long d = candidate.source().get();
      if (d == EGL_NO_DISPLAY) {
        failures.add(candidate.name() + ": no display (" + eglError() + ")");
        continue;
      }
      try {
        return candidate.name() + ", " + initialize(d);
      } catch (GpuUnavailableException e) {
        failures.add(candidate.name() + ": " + e.getMessage());
      }
    }
    throw new GpuUnavailableException(
        "no OpenGL ES 3.1 context through EGL ("
            + String.join("; ", failures)
            + "); "
            + INSTALL_HINT);
  }

  private static List<Candidate> candidates(EGLCapabilities client, String clientExtensions) {
    List<Candidate> candidates = new ArrayList<>();
    candidates.add(
        new Candidate("default display", () -> EGL10.eglGetDisplay(EGL_DEFAULT_DISPLAY)));
    if (client.EGL_EXT_platform_device && client.EGL_EXT_device_enumeration) {
      List<Candidate> software = new ArrayList<>();
      for (long device : devices()) {
        String extensions =
            String.valueOf(EXTDeviceQuery.eglQueryDeviceStringEXT(device, EGL_EXTENSIONS));
        boolean isSoftware = extensions.contains("EGL_MESA_device_software");
        Candidate c =
            new Candidate(
                (isSoftware ? "software" : "hardware") + " EGL device",
                () ->
                    EXTPlatformBase.eglGetPlatformDisplayEXT(
                        EGL_PLATFORM_DEVICE, device, (IntBuffer) null));
        (isSoftware ? software : candidates).add(c);
      }
      candidates.addAll(software);
    }
    if (clientExtensions.contains("EGL_MESA_platform_surfaceless")) {
      candidates.add(new Candidate("Mesa surfaceless platform", () -> surfacelessDisplay(client)));
    }
    return candidates;
  }

  /**
   * {@code eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL)},
   * called directly: LWJGL's wrapper refuses the null native display this platform expects.
   */
  private static long surfacelessDisplay(EGLCapabilities client) {
    long function = client.eglGetPlatformDisplayEXT;
    return function == 0 ? EGL_NO_DISPLAY : JNI.callPPP(EGL_PLATFORM_SURFACELESS, 0L, 0L, function);
  }

  private static List<Long> devices() {
    int[] count = new int[1];
    if (!EXTDeviceEnumeration.eglQueryDevicesEXT(null, count) || count[0] <= 0) {
      return List.of();
    }
    PointerBuffer handles = PointerBuffer.allocateDirect(count[0]);
    if (!EXTDeviceEnumeration.eglQueryDevicesEXT(handles, count)) {
      return List.of();
    }
    List<Long> devices = new ArrayList<>();
    for (int i = 0; i < count[0]; i++) {
      devices.add(handles.get(i));
    }
    return devices;
  }

  /** Initializes {@code d} and makes an ES 3.1 context current; on failure leaves nothing open. */
  private String initialize(long d) {
    int[] major = new int[1];
    int[] minor = new int[1];
    if (!EGL10.eglInitialize(d, major, minor)) {
      throw new GpuUnavailableException("eglInitialize failed (" + eglError() + ")");
    }
    EglDisplays.acquire(d);
    display = d;
    try {
      EGLCapabilities capabilities = EGL.createDisplayCapabilities(d, major[0], minor[0]);
      if (!EGL12.eglBindAPI(EGL12.EGL_OPENGL_ES_API)) {
        throw new GpuUnavailableException("no OpenGL ES API (" + eglError() + ")");
      }
      boolean surfaceless = capabilities.EGL_KHR_surfaceless_context;
      PointerBuffer configs = PointerBuffer.allocateDirect(1);
      int[] found = new int[1];
      if (!EGL10.eglChooseConfig(d, Gl.configAttributes(), configs, found) || found[0] == 0) {
        throw new GpuUnavailableException("no OpenGL ES 3 config (" + eglError() + ")");
      }
      long config = configs.get(0);
      context = EGL10.eglCreateContext(d, config, EGL_NO_CONTEXT, Gl.contextAttributes());
      if (context == EGL_NO_CONTEXT) {
        throw new GpuUnavailableException("no OpenGL ES 3.1 context (" + eglError() + ")");
      }
      if (!surfaceless) {
        surface = EGL10.eglCreatePbufferSurface(d, config, Gl.pbufferAttributes());
        if (surface == EGL_NO_SURFACE) {
          throw new GpuUnavailableException("no 1x1 pbuffer (" + eglError() + ")");
        }
      }
      if (!EGL10.eglMakeCurrent(d, surface, surface, context)) {
        throw new GpuUnavailableException("eglMakeCurrent failed (" + eglError() + ")");
      }
      try {
        GLES.createCapabilities();
        glesLoaded = true;
      } catch (LinkageError | RuntimeException e) {
        throw new GpuUnavailableException("cannot load OpenGL ES (libGLESv2.so.2): " + e, e);
      }
      return "EGL "
          + major[0]
          + "."
          + minor[0]
          + (surfaceless ? ", surfaceless context" : ", 1x1 pbuffer");
    } catch (GpuUnavailableException e) {
      destroyContext();
      throw e;
    }
  }

  private static String eglError() {
    return Gl.eglErrorName(EGL10.eglGetError());
  }

  @Override
  public void destroyContext() {
    if (display == EGL_NO_DISPLAY) {
      return;
    }
    long d = display;
    display = EGL_NO_DISPLAY;
    EGL10.eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (glesLoaded) {
      GLES.setCapabilities(null);
      glesLoaded = false;
    }
    if (surface != EGL_NO_SURFACE) {
      EGL10.eglDestroySurface(d, surface);
      surface = EGL_NO_SURFACE;
    }
    if (context != EGL_NO_CONTEXT) {
      EGL10.eglDestroyContext(d, context);
      context = EGL_NO_CONTEXT;
    }
    if (EglDisplays.release(d)) {
      EGL10.eglTerminate(d);
    }
    EGL12.eglReleaseThread();
  }

  @Override
  public String getString(int name) {
    return GLES20.glGetString(name);
  }

  @Override
  public int getInteger(int name) {
    return GLES20.glGetInteger(name);
  }

  @Override
  public int getIntegerIndexed(int name, int index) {
    return GLES30.glGetIntegeri(name, index);
  }

  @Override
  public int getError() {
    return GLES20.glGetError();
  }

  @Override
  public int genBuffer() {
    return GLES20.glGenBuffers();
  }

  @Override
  public void deleteBuffer(int buffer) {
    GLES20.glDeleteBuffers(buffer);
  }

  @Override
  public void bindBuffer(int target, int buffer) {
    GLES20.glBindBuffer(target, buffer);
  }

  @Override
  public void bufferData(int target, long size, int usage) {
    GLES20.glBufferData(target, size, usage);
  }

  @Override
  public void bufferSubData(int target, long offset, ByteBuffer data) {
    GLES20.glBufferSubData(target, offset, data);
  }

  @Override
  public ByteBuffer mapBufferRange(int target, long offset, long length, int access) {
    return GLES30.glMapBufferRange(target, offset, length, access);
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
    return GLES20.glGenTextures();
  }

  @Override
  public void deleteTexture(int texture) {
    GLES20.glDeleteTextures(texture);
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
    return GLES20.glGetShaderi(shader, name);
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
    return GLES20.glGetProgrami(program, name);
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
    GLES30.glGetProgramBinary(program, length, format, target);
    target.position(target.position() + length[0]);
    return format[0];
  }

  @Override
  public void programBinary(int program, int format, ByteBuffer binary) {
    GLES30.glProgramBinary(program, format, binary);
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
