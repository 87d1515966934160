package io.jlite.gles;

import io.jlite.GpuUnavailableException;
import io.jlite.gpu.cache.BinaryCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One headless OpenGL ES 3.1 context and the GL objects made in it. Buffers, textures and programs
 * are counted while alive ({@link #liveObjects()}) and whatever is left is released by {@link
 * #close()}, which then destroys the context and terminates the EGL display. Programs are built
 * once per source and kept until the context closes; with a program cache, a later process loads
 * their binaries instead of compiling.
 *
 * <p>Threading rule: the context is current on the thread that opened it, and every method of it
 * and of its buffers and programs must be called from that thread; a call from any other thread
 * throws {@link IllegalStateException}. Use one context per thread if several threads run models.
 */
public final class GlesContext implements AutoCloseable {
  private static final AtomicInteger OPEN = new AtomicInteger();

  private final GlesBinding gl;
  private final Thread owner;
  private final String display;
  private final GlesDeviceInfo info;
  private final Set<AutoCloseable> live = new LinkedHashSet<>();
  private final Map<String, GlesProgram> programs = new HashMap<>();
  private final ProgramBuilder builder;
  private ByteBuffer staging = ByteBuffer.allocateDirect(0);
  private boolean closed;

  private GlesContext(GlesBinding gl, String display, Optional<BinaryCache> cache) {
    this.gl = gl;
    this.owner = Thread.currentThread();
    this.display = display;
    this.info = readInfo(gl);
    this.builder = new ProgramBuilder(this, cache);
    OPEN.incrementAndGet();
  }

  /** Contexts open in this process now (on any thread), for leak checks. */
  public static int openContexts() {
    return OPEN.get();
  }

  /**
   * Opens a context on the calling thread through {@code binding}, without a program cache.
   *
   * @throws GpuUnavailableException no display, no OpenGL ES 3.1 context, or a driver below ES 3.1
   */
  public static GlesContext open(GlesBinding binding) {
    return open(binding, Optional.empty());
  }

  /**
   * Opens a context on the calling thread through {@code binding}; program binaries are cached in
   * {@code programCache} (a directory, see {@link #defaultProgramCache()}) when present.
   *
   * @throws GpuUnavailableException no display, no OpenGL ES 3.1 context, or a driver below ES 3.1
   */
  public static GlesContext open(GlesBinding binding, Optional<Path> programCache) {
    String display = binding.createContext();
    GlesContext context;
    try {
      context =
          new GlesContext(
              binding,
              display,
              programCache.map(dir -> new BinaryCache(dir, "GLES program", ".glbin")));
    } catch (RuntimeException e) {
      binding.destroyContext();
      throw e;
    }
    if (GlesDeviceInfo.esVersion(context.info.version()) < 31) {
      context.close();
      throw new GpuUnavailableException(
          "the driver offers '"
              + context.info.version()
              + "' on "
              + context.info.renderer()
              + "; compute shaders need OpenGL ES 3.1");
    }
    return context;
  }

  /**
   * The default program cache directory: {@code $JLITE_CACHE_DIR/gles}, else {@code
   * $XDG_CACHE_HOME/jlite/gles}, else {@code ~/.cache/jlite/gles}.
   */
  public static Path defaultProgramCache() {
    return BinaryCache.defaultDirectory("gles");
  }

  private static GlesDeviceInfo readInfo(GlesBinding gl) {
    return new GlesDeviceInfo(
        String.valueOf(gl.getString(Gl.GL_VENDOR)),
        String.valueOf(gl.getString(Gl.GL_RENDERER)),
        String.valueOf(gl.getString(Gl.GL_VERSION)),
        String.valueOf(gl.getString(Gl.GL_SHADING_LANGUAGE_VERSION)),
        gl.getInteger(Gl.GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS),
        gl.getIntegerIndexed(Gl.GL_MAX_COMPUTE_WORK_GROUP_SIZE, 0),
        gl.getIntegerIndexed(Gl.GL_MAX_COMPUTE_WORK_GROUP_SIZE, 1),
        gl.getIntegerIndexed(Gl.GL_MAX_COMPUTE_WORK_GROUP_SIZE, 2),
        // The limit is a GLint64 in the spec; a 32-bit query wraps on drivers allowing >= 2 GiB.
        Integer.toUnsignedLong(gl.getInteger(Gl.GL_MAX_SHADER_STORAGE_BLOCK_SIZE)),
        gl.getInteger(Gl.GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS),
        gl.getInteger(Gl.GL_NUM_PROGRAM_BINARY_FORMATS),
        gl.getInteger(Gl.GL_MAX_TEXTURE_SIZE),
        Math.min(
            gl.getInteger(Gl.GL_MAX_COMPUTE_IMAGE_UNIFORMS), gl.getInteger(Gl.GL_MAX_IMAGE_UNITS)));
  }

  /** The driver and its limits. */
  public GlesDeviceInfo info() {
    return info;
  }

  /** How the EGL display was opened (e.g. default display, device platform, surfaceless). */
  public String display() {
    return display;
  }

  /**
   * Allocates a shader storage buffer of {@code bytes} bytes (contents undefined).
   *
   * @throws GpuUnavailableException when the size exceeds what a shader can bind, or the driver is
   *     out of memory
   */
  public GlesBuffer allocate(String label, long bytes) {
    checkThread();
    if (bytes <= 0) {
      throw new IllegalArgumentException("buffer '" + label + "' of " + bytes + " bytes");
    }
    if (bytes > info.maxStorageBlockBytes()) {
      throw new GpuUnavailableException(
          "out of memory: buffer '"
              + label
              + "' of "
              + bytes
              + " bytes exceeds GL_MAX_SHADER_STORAGE_BLOCK_SIZE ("
              + info.maxStorageBlockBytes()
              + " bytes) on "
              + info.renderer());
    }
    int id = gl.genBuffer();
    gl.bindBuffer(Gl.GL_SHADER_STORAGE_BUFFER, id);
    gl.bufferData(Gl.GL_SHADER_STORAGE_BUFFER, bytes, Gl.GL_DYNAMIC_COPY);
    int error = gl.getError();
    if (error != Gl.GL_NO_ERROR) {
      gl.deleteBuffer(id);
      throw failure(error, "allocating buffer '" + label + "' of " + bytes + " bytes");
    }
    GlesBuffer buffer = new GlesBuffer(this, label, bytes, id);
    live.add(buffer);
    return buffer;
  }

  /**
   * Allocates an immutable {@code width × height} texture for {@code image2D} use, {@code
   * GL_RGBA16F} when {@code half} else {@code GL_RGBA32F} (contents undefined).
   *
   * @throws GpuUnavailableException when a side exceeds {@code GL_MAX_TEXTURE_SIZE}, or the driver
   *     is out of memory
   */
  public GlesTexture allocateTexture(String label, int width, int height, boolean half) {
    checkThread();
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("texture '" + label + "' of " + width + "x" + height);
    }
    if (Math.max(width, height) > info.maxTextureSize()) {
      throw new GpuUnavailableException(
          "texture '"
              + label
              + "' of "
              + width
              + "x"
              + height
              + " exceeds GL_MAX_TEXTURE_SIZE ("
              + info.maxTextureSize()
              + ") on "
              + info.renderer());
    }
    int id = gl.genTexture();
    gl.bindTexture(Gl.GL_TEXTURE_2D, id);
    gl.texStorage2D(Gl.GL_TEXTURE_2D, 1, GlesTexture.format(half), width, height);
    gl.bindTexture(Gl.GL_TEXTURE_2D, 0);
    int error = gl.getError();
    if (error != Gl.GL_NO_ERROR) {
      gl.deleteTexture(id);
      throw failure(
          error, "allocating texture '" + label + "' of " + width + "x" + height + " texels");
    }
    GlesTexture texture = new GlesTexture(this, label, width, height, half, id);
    live.add(texture);
    return texture;
  }

  /**
   * The compute program of {@code source}: built before by this context, else loaded from the
   * program cache, else compiled and linked. It belongs to the context and is released with it.
   *
   * @param label names the program in messages
   * @throws ShaderBuildException when the driver rejects the source, with its info log
   */
  public GlesProgram program(String label, String source) {
    checkThread();
    GlesProgram built = programs.get(source);
    if (built == null) {
      built = new GlesProgram(this, label, builder.build(label, source));
      programs.put(source, built);
      live.add(built);
    }
    return built;
  }

  /** Programs compiled from source by this context (not found in memory or on disk). */
  public int programsCompiled() {
    return builder.compiled();
  }

  /** Programs this context loaded from the program cache. */
  public int programsFromDisk() {
    return builder.fromDisk();
  }

  /** Waits until every dispatch and transfer issued so far has finished ({@code glFinish}). */
  public void finish() {
    checkThread();
    gl.finish();
  }

  /** The number of buffers made and not yet closed. */
  public int liveBuffers() {
    checkThread();
    return (int) live.stream().filter(GlesBuffer.class::isInstance).count();
  }

  /** The number of textures made and not yet closed. */
  public int liveTextures() {
    checkThread();
    return (int) live.stream().filter(GlesTexture.class::isInstance).count();
  }

  /** The number of buffers, textures and programs made and not yet closed. */
  public int liveObjects() {
    checkThread();
    return live.size();
  }

  GlesBinding gl() {
    checkThread();
    return gl;
  }

  void released(AutoCloseable object) {
    live.remove(object);
    programs.values().remove(object);
  }

  /**
   * A direct, native-order scratch buffer of at least {@code bytes} bytes, cleared, shared by all
   * host transfers of this context (they are sequential: one thread).
   */
  ByteBuffer staging(long bytes) {
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(bytes + " bytes do not fit one host transfer");
    }
    if (staging.capacity() < bytes) {
      staging = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }
    staging.clear().limit((int) bytes);
    return staging;
  }

  /** Throws if a GL error is pending; {@code what} says what was being done. */
  void check(String what) {
    int error = gl.getError();
    if (error != Gl.GL_NO_ERROR) {
      throw failure(error, what);
    }
  }

  private GpuUnavailableException failure(int error, String what) {
    List<String> errors = new ArrayList<>();
    // GL queues one flag per kind of error; drain them all so the next check starts clean.
    for (int e = error; e != Gl.GL_NO_ERROR && errors.size() < 8; e = gl.getError()) {
      errors.add(Gl.errorName(e));
    }
    String prefix =
        switch (error) {
          case Gl.GL_OUT_OF_MEMORY -> "out of memory: ";
          case Gl.GL_CONTEXT_LOST -> "context lost (GPU reset): ";
          default -> "";
        };
    return new GpuUnavailableException(
        prefix + String.join(", ", errors) + " while " + what + " on " + info.renderer());
  }

  /**
   * Throws {@link IllegalStateException} unless called on the thread that opened the context and
   * before {@link #close()}.
   */
  void checkThread() {
    Thread current = Thread.currentThread();
    if (current != owner) {
      throw new IllegalStateException(
          "GLES context opened on thread '"
              + owner.getName()
              + "' was used from thread '"
              + current.getName()
              + "': a GLES context, its buffers, programs and delegate belong to the thread that"
              + " created them");
    }
    if (closed) {
      throw new IllegalStateException("GLES context on " + info.renderer() + " is closed");
    }
  }

  /**
   * Releases every buffer, texture and program still alive, then the context and the display.
   * Closing twice is harmless; closing from another thread than the owner throws.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    checkThread();
    try {
      for (AutoCloseable object : List.copyOf(live)) {
        try {
          object.close();
        } catch (Exception e) {
          // Keep releasing: the context and display must go even if one object fails.
          live.remove(object);
        }
      }
    } finally {
      closed = true;
      OPEN.decrementAndGet();
      gl.destroyContext();
    }
  }

  @Override
  public String toString() {
    return "GlesContext[" + info + ", " + display + "]";
  }
}
