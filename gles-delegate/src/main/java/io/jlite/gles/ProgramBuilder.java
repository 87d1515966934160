package io.jlite.gles;

import io.jlite.gpu.cache.BinaryCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Builds compute programs: from a cached program binary when the disk cache holds a valid one for
 * this driver and source, else by compiling and linking (and then storing the binary).
 *
 * <p>A cache entry is the binary format (4 bytes, big-endian) followed by the binary, as {@code
 * glGetProgramBinary} gave them; {@link BinaryCache} checks length and checksum, and a binary the
 * driver refuses to link (stale) is evicted.
 */
final class ProgramBuilder {
  private final GlesContext context;
  private final Optional<BinaryCache> cache;
  private int compiled;
  private int fromDisk;

  ProgramBuilder(GlesContext context, Optional<BinaryCache> cache) {
    this.context = context;
    // Drivers without binary formats (GL_NUM_PROGRAM_BINARY_FORMATS = 0) cannot use a cache.
    this.cache = context.info().binaryFormats() > 0 ? cache : Optional.empty();
  }

  /** Programs compiled from source so far. */
  int compiled() {
    return compiled;
  }

  /** Programs loaded from the disk cache so far. */
  int fromDisk() {
    return fromDisk;
  }

  /** What a binary depends on: the driver (vendor, renderer, version) and the source. */
  static String descriptor(GlesDeviceInfo info, String source) {
    return info.cacheKey() + "\nsource sha256: " + BinaryCache.sha256Hex(source);
  }

  /** A linked program's GL name. */
  int build(String label, String source) {
    String descriptor = descriptor(context.info(), source);
    Optional<Integer> loaded = cache.flatMap(c -> load(c, descriptor));
    if (loaded.isPresent()) {
      fromDisk++;
      return loaded.get();
    }
    int program = compile(label, source);
    compiled++;
    cache.ifPresent(c -> store(c, descriptor, program));
    return program;
  }

  private Optional<Integer> load(BinaryCache c, String descriptor) {
    Optional<byte[]> entry = c.load(descriptor);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = entry.get();
    if (bytes.length <= Integer.BYTES) {
      c.evict(descriptor, "no binary after the format");
      return Optional.empty();
    }
    ByteBuffer wrapped = ByteBuffer.wrap(bytes);
    int format = wrapped.getInt();
    ByteBuffer binary =
        ByteBuffer.allocateDirect(wrapped.remaining()).order(ByteOrder.nativeOrder());
    binary.put(wrapped).flip();
    GlesBinding gl = context.gl();
    int program = gl.createProgram();
    gl.programBinary(program, format, binary);
    boolean linked = gl.getProgrami(program, Gl.GL_LINK_STATUS) != 0;
    // A refused binary raises GL_INVALID_ENUM (unknown format) or fails to link: both mean stale.
    int error = gl.getError();
    while (gl.getError() != Gl.GL_NO_ERROR) {
      // drain: the compile path below must start without pending errors
    }
    if (!linked || error != Gl.GL_NO_ERROR) {
      gl.deleteProgram(program);
      c.evict(descriptor, "the driver refused the binary (" + Gl.errorName(error) + ")");
      return Optional.empty();
    }
    return Optional.of(program);
  }

  private void store(BinaryCache c, String descriptor, int program) {
    GlesBinding gl = context.gl();
    int length = gl.getProgrami(program, Gl.GL_PROGRAM_BINARY_LENGTH);
    if (length <= 0) {
      return;
    }
    ByteBuffer binary = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
    int format = gl.getProgramBinary(program, binary);
    if (gl.getError() != Gl.GL_NO_ERROR || binary.position() == 0) {
      return; // the cache only saves time; a driver that will not hand out binaries compiles again
    }
    binary.flip();
    ByteBuffer entry = ByteBuffer.allocate(Integer.BYTES + binary.remaining());
    entry.putInt(format).put(binary);
    c.store(descriptor, entry.array());
  }

  private int compile(String label, String source) {
    GlesBinding gl = context.gl();
    int shader = gl.createShader(Gl.GL_COMPUTE_SHADER);
    if (shader == 0) {
      context.check("creating compute shader '" + label + "'");
      throw new IllegalStateException("the driver created no shader for '" + label + "'");
    }
    try {
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      if (gl.getShaderi(shader, Gl.GL_COMPILE_STATUS) == 0) {
        throw new ShaderBuildException(label, "compilation", gl.getShaderInfoLog(shader), source);
      }
      int program = gl.createProgram();
      if (cache.isPresent()) {
        gl.programParameteri(program, Gl.GL_PROGRAM_BINARY_RETRIEVABLE_HINT, 1);
      }
      gl.attachShader(program, shader);
      gl.linkProgram(program);
      if (gl.getProgrami(program, Gl.GL_LINK_STATUS) == 0) {
        String log = gl.getProgramInfoLog(program);
        gl.deleteProgram(program);
        throw new ShaderBuildException(label, "linking", log, source);
      }
      try {
        context.check("building compute shader '" + label + "'");
      } catch (RuntimeException e) {
        gl.deleteProgram(program); // linked, but the driver failed (out of memory): not kept
        throw e;
      }
      return program;
    } finally {
      // The program keeps what it needs; the shader object is no longer needed either way.
      gl.deleteShader(shader);
    }
  }
}
