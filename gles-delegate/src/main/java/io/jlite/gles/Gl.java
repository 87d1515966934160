package io.jlite.gles;

/**
 * The OpenGL ES 3.1 and EGL enum values the delegate uses, spelled as in the Khronos headers. Kept
 * here rather than taken from LWJGL or Android so that shared code depends on neither; tests check
 * them against both.
 */
public final class Gl {
  private Gl() {}

  public static final int GL_NO_ERROR = 0;
  public static final int GL_INVALID_ENUM = 0x0500;
  public static final int GL_INVALID_VALUE = 0x0501;
  public static final int GL_INVALID_OPERATION = 0x0502;
  public static final int GL_OUT_OF_MEMORY = 0x0505;
  public static final int GL_INVALID_FRAMEBUFFER_OPERATION = 0x0506;

  /** The context was lost (GPU reset): OpenGL ES 3.2 and {@code KHR_robustness}. */
  public static final int GL_CONTEXT_LOST = 0x0507;

  public static final int GL_VENDOR = 0x1F00;
  public static final int GL_RENDERER = 0x1F01;
  public static final int GL_VERSION = 0x1F02;
  public static final int GL_SHADING_LANGUAGE_VERSION = 0x8B8C;

  public static final int GL_SHADER_STORAGE_BUFFER = 0x90D2;
  public static final int GL_DYNAMIC_COPY = 0x88EA;
  public static final int GL_MAP_READ_BIT = 0x0001;

  public static final int GL_TEXTURE_2D = 0x0DE1;
  public static final int GL_RGBA32F = 0x8814;
  public static final int GL_RGBA16F = 0x881A;
  public static final int GL_READ_ONLY = 0x88B8;
  public static final int GL_WRITE_ONLY = 0x88B9;

  public static final int GL_COMPUTE_SHADER = 0x91B9;
  public static final int GL_COMPILE_STATUS = 0x8B81;
  public static final int GL_LINK_STATUS = 0x8B82;
  public static final int GL_PROGRAM_BINARY_RETRIEVABLE_HINT = 0x8257;
  public static final int GL_PROGRAM_BINARY_LENGTH = 0x8741;
  public static final int GL_NUM_PROGRAM_BINARY_FORMATS = 0x87FE;

  public static final int GL_SHADER_STORAGE_BARRIER_BIT = 0x00002000;
  public static final int GL_BUFFER_UPDATE_BARRIER_BIT = 0x00000200;
  public static final int GL_SHADER_IMAGE_ACCESS_BARRIER_BIT = 0x00000020;

  public static final int GL_MAX_COMPUTE_WORK_GROUP_COUNT = 0x91BE;
  public static final int GL_MAX_COMPUTE_WORK_GROUP_SIZE = 0x91BF;
  public static final int GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS = 0x90EB;
  public static final int GL_MAX_SHADER_STORAGE_BLOCK_SIZE = 0x90DE;
  public static final int GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS = 0x90DB;
  public static final int GL_MAX_TEXTURE_SIZE = 0x0D33;
  public static final int GL_MAX_COMPUTE_IMAGE_UNIFORMS = 0x91BD;
  public static final int GL_MAX_IMAGE_UNITS = 0x8F38;

  public static final int EGL_SUCCESS = 0x3000;
  public static final int EGL_NONE = 0x3038;
  public static final int EGL_RENDERABLE_TYPE = 0x3040;
  public static final int EGL_SURFACE_TYPE = 0x3033;
  public static final int EGL_PBUFFER_BIT = 0x0001;
  public static final int EGL_OPENGL_ES3_BIT = 0x0040;
  public static final int EGL_WIDTH = 0x3057;
  public static final int EGL_HEIGHT = 0x3056;
  public static final int EGL_CONTEXT_MAJOR_VERSION = 0x3098;
  public static final int EGL_CONTEXT_MINOR_VERSION = 0x30FB;

  /** The name of a GL error code, e.g. {@code "GL_OUT_OF_MEMORY"}. */
  public static String errorName(int error) {
    return switch (error) {
      case GL_NO_ERROR -> "GL_NO_ERROR";
      case GL_INVALID_ENUM -> "GL_INVALID_ENUM";
      case GL_INVALID_VALUE -> "GL_INVALID_VALUE";
      case GL_INVALID_OPERATION -> "GL_INVALID_OPERATION";
      case GL_OUT_OF_MEMORY -> "GL_OUT_OF_MEMORY";
      case GL_INVALID_FRAMEBUFFER_OPERATION -> "GL_INVALID_FRAMEBUFFER_OPERATION";
      case GL_CONTEXT_LOST -> "GL_CONTEXT_LOST";
      default -> "GL error 0x" + Integer.toHexString(error);
    };
  }

  /** The name of an EGL error code, e.g. {@code "EGL_BAD_ALLOC"}. */
  public static String eglErrorName(int error) {
    String[] names = {
      "EGL_SUCCESS",
      "EGL_NOT_INITIALIZED",
      "EGL_BAD_ACCESS",
      "EGL_BAD_ALLOC",
      "EGL_BAD_ATTRIBUTE",
      "EGL_BAD_CONFIG",
      "EGL_BAD_CONTEXT",
      "EGL_BAD_CURRENT_SURFACE",
      "EGL_BAD_DISPLAY",
      "EGL_BAD_MATCH",
      "EGL_BAD_NATIVE_PIXMAP",
      "EGL_BAD_NATIVE_WINDOW",
      "EGL_BAD_PARAMETER",
      "EGL_BAD_SURFACE",
      "EGL_CONTEXT_LOST"
    };
    int i = error - EGL_SUCCESS;
    return i >= 0 && i < names.length ? names[i] : "EGL error 0x" + Integer.toHexString(error);
  }

  /**
   * The attributes for {@code eglChooseConfig}: a config that renders OpenGL ES 3 and has pbuffers.
   * The surface type must be named: its default, windows, excludes every config of a headless
   * display (Mesa's surfaceless platform has pbuffer configs only).
   */
  public static int[] configAttributes() {
    return new int[] {
      EGL_RENDERABLE_TYPE, EGL_OPENGL_ES3_BIT, EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_NONE
    };
  }

  /** The attributes for {@code eglCreateContext}: OpenGL ES 3.1, the first with compute shaders. */
  public static int[] contextAttributes() {
    return new int[] {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 1, EGL_NONE};
  }

  /** The attributes of the 1×1 pbuffer made current where surfaceless contexts are missing. */
  public static int[] pbufferAttributes() {
    return new int[] {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
  }
}
