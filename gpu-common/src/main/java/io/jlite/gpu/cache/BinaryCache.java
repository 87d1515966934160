package io.jlite.gpu.cache;

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
 * skips the driver's compiler. Shared by the GPU backends; each says what its binaries depend on in
 * a descriptor string and keeps its own directory.
 *
 * <p>A file is named by the SHA-256 of its descriptor (e.g. device, platform and driver versions,
 * build options, source hash) and holds the descriptor itself, the binary's length and the binary's
 * SHA-256. {@link #load} returns a binary only when all of these match: a truncated or altered
 * file, or one copied from another device, is deleted and reported as a miss. A binary the driver
 * refuses (stale) is evicted by the caller with {@link #evict}. Writes go to a temporary file that
 * is then renamed, so a crash never leaves a half-written entry under a valid name.
 */
public class BinaryCache {
  private static final System.Logger LOG = System.getLogger(BinaryCache.class.getName());
  private static final byte[] MAGIC = "JLITEBN1".getBytes(StandardCharsets.US_ASCII);

  /** Larger entries are treated as corrupt rather than read into memory. */
  private static final int MAX_BINARY_BYTES = 256 << 20;

  private final Path directory;
  private final String kind;
  private final String extension;

  /**
   * A cache in {@code directory}, created on first store.
   *
   * @param kind what the entries are, for log messages (e.g. {@code "OpenCL program"})
   * @param extension the entries' file name ending (e.g. {@code ".clbin"})
   */
  public BinaryCache(Path directory, String kind, String extension) {
    this.directory = directory;
    this.kind = kind;
    this.extension = extension;
  }

  /**
   * The default directory of {@code backend}: {@code $JLITE_CACHE_DIR/BACKEND}, else {@code
   * $XDG_CACHE_HOME/jlite/BACKEND}, else {@code ~/.cache/jlite/BACKEND}.
   */
  public static Path defaultDirectory(String backend) {
    String jlite = System.getenv("JLITE_CACHE_DIR");
    if (jlite != null && !jlite.isBlank()) {
      return Path.of(jlite, backend);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("jlite").resolve(backend);
  }

  /** Where the entries are. */
  public Path directory() {
    return directory;
  }

  /** The key (file name) for a descriptor. */
  public static String key(String descriptor) {
    return sha256Hex(descriptor);
  }

  /** The file that holds {@code key}'s entry. */
  public Path file(String key) {
    return directory.resolve(key + extension);
  }

  /** The verified binary stored for {@code descriptor}, or empty (missing or corrupt, deleted). */
  public Optional<byte[]> load(String descriptor) {
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
  public void store(String descriptor, byte[] binary) {
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
      LOG.log(Level.WARNING, "cannot write " + kind + " cache entry " + file + ": " + e);
    }
  }

  /** Deletes the entry for {@code descriptor} (e.g. the driver refused its binary). */
  public void evict(String descriptor, String reason) {
    corrupt(file(key(descriptor)), reason);
  }

  private Optional<byte[]> corrupt(Path file, String reason) {
    LOG.log(Level.WARNING, "discarding " + kind + " cache entry " + file + ": " + reason);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete " + file + ": " + e);
    }
    return Optional.empty();
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, in hex: how descriptors name a source. */
  public static String sha256Hex(String text) {
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
