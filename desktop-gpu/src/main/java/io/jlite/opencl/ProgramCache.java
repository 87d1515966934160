package io.jlite.opencl;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Compiled program binaries on disk, one file per program, so that the second start of a model
 * skips the OpenCL compiler.
 *
 * <p>A file is named by the SHA-256 of its descriptor (device, platform and driver versions, build
 * options, source) and holds the descriptor itself, the binary's length and the binary's SHA-256.
 * {@link #load} returns a binary only when all of these match: a truncated or altered file, or one
 * copied from another device, is deleted and reported as a miss. A binary the driver refuses
 * (stale) is evicted by the caller with {@link #evict}. Writes go to a temporary file that is then
 * renamed, so a crash never leaves a half-written entry under a valid name.
 */
public final class ProgramCache {
  private static final System.Logger LOG = System.getLogger(ProgramCache.class.getName());
  private static final byte[] MAGIC = "JLCLBIN1".getBytes(StandardCharsets.US_ASCII);

  /** Larger entries are treated as corrupt rather than read into memory. */
  private static final int MAX_BINARY_BYTES = 256 << 20;

  private final Path directory;

  /** A cache in {@code directory}, created on first store. */
  public ProgramCache(Path directory) {
    this.directory = directory;
  }

  /**
   * The default directory: {@code $JLITE_CACHE_DIR/opencl}, else {@code
   * $XDG_CACHE_HOME/jlite/opencl}, else {@code ~/.cache/jlite/opencl}.
   */
  public static Path defaultDirectory() {
    String jlite = System.getenv("JLITE_CACHE_DIR");
    if (jlite != null && !jlite.isBlank()) {
      return Path.of(jlite, "opencl");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("jlite").resolve("opencl");
  }

  public Path directory() {
    return directory;
  }

  /** The descriptor of a program: what must be equal for a binary to be reused. */
  static String descriptor(DeviceInfo device, String options, String source) {
    return device.cacheKey() + "\noptions: " + options + "\nsource sha256: " + sha256Hex(source);
  }

  /** The key (file name) for a descriptor. */
  static String key(String descriptor) {
    return sha256Hex(descriptor);
  }

  /** The file that holds {@code key}'s entry. */
  Path file(String key) {
    return directory.resolve(key + ".clbin");
  }

  /** The verified binary stored for {@code descriptor}, or empty (missing or corrupt, deleted). */
  Optional<byte[]> load(String descriptor) {
    Path file = file(key(descriptor));
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      byte[] magic = data.readNBytes(MAGIC.length);
      String storedDescriptor = data.readUTF();
      int length = data.readInt();
      byte[] digest = data.readNBytes(32);
      if (!Arrays.equals(magic, MAGIC)
          || !storedDescriptor.equals(descriptor)
          || length < 0
          || length > MAX_BINARY_BYTES) {
        return corrupt(file, "header does not match");
      }
      byte[] binary = data.readNBytes(length);
      if (binary.length != length || data.read() != -1) {
        return corrupt(file, "length does not match");
      }
      if (!Arrays.equals(digest, sha256(binary))) {
        return corrupt(file, "checksum does not match");
      }
      return Optional.of(binary);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return corrupt(file, e.toString());
    }
  }

  /** Stores {@code binary} for {@code descriptor}; a failure to write is logged, not thrown. */
  void store(String descriptor, byte[] binary) {
    Path file = file(key(descriptor));
    try {
      Files.createDirectories(directory);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(binary.length + 1024);
      try (DataOutputStream data = new DataOutputStream(bytes)) {
        data.write(MAGIC);
        data.writeUTF(descriptor);
        data.writeInt(binary.length);
        data.write(sha256(binary));
        data.write(binary);
      }
      Path temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        bytes.writeTo(out);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // The cache only saves time: a read-only or full disk must not stop the model from running.
      LOG.log(Level.WARNING, "cannot write OpenCL program cache entry " + file + ": " + e);
    }
  }

  /** Deletes the entry for {@code descriptor} (the driver refused its binary). */
  void evict(String descriptor, String reason) {
    corrupt(file(key(descriptor)), reason);
  }

  private static Optional<byte[]> corrupt(Path file, String reason) {
    LOG.log(Level.WARNING, "discarding OpenCL program cache entry " + file + ": " + reason);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete " + file + ": " + e);
    }
    return Optional.empty();
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
