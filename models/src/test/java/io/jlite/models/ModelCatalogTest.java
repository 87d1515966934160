package io.jlite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
  /** sha256("hello"), the well-known test vector (e.g. `printf hello | sha256sum`). */
  private static final String SHA_OF_HELLO =
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

  private static final String ZEROS = "0".repeat(64);

  private static String manifest(String sha) {
    return "# comment line\n"
        + "\n"
        + "tiny\t@scope/pkg@1.2.3\tdir/tiny.tflite\t"
        + sha
        + "\n"
        + "other\tplain-pkg@0.0.1-beta\tother.tflite\t"
        + ZEROS
        + "\n";
  }

  @Test
  void bundledManifestListsTheTwentyMediaPipeModels() {
    ModelCatalog catalog = ModelCatalog.withCacheDir(Path.of("unused"));
    assertEquals(
        List.of(
            "face_detection_short_range",
            "face_detection_full_range",
            "face_detection_full_range_sparse",
            "selfie_segmentation",
            "selfie_segmentation_landscape",
            "hand_landmark_lite",
            "hand_landmark_full",
            "pose_landmark_lite",
            "pose_landmark_full",
            "pose_landmark_heavy",
            "face_landmark",
            "face_landmark_with_attention",
            "palm_detection_lite",
            "palm_detection_full",
            "hand_recrop",
            "pose_detection",
            "object_detection_3d_camera",
            "object_detection_3d_chair",
            "object_detection_3d_cup",
            "object_detection_3d_sneakers"),
        catalog.names());
    ModelEntry heavy = catalog.entry("pose_landmark_heavy");
    assertEquals("@mediapipe/pose", heavy.npmPackage());
    assertEquals("0.5.1675469404", heavy.version());
    assertEquals("pose_landmark_heavy.tflite", heavy.pathInPackage());
    assertEquals(
        "59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe", heavy.sha256());
    assertEquals("@mediapipe/pose@0.5.1675469404", heavy.npmSpec());
  }

  @Test
  void parsesScopedAndPlainPackages() {
    ModelCatalog catalog = ModelCatalog.parse(manifest(SHA_OF_HELLO), Path.of("c"));
    assertEquals(
        List.of(
            new ModelEntry("tiny", "@scope/pkg", "1.2.3", "dir/tiny.tflite", SHA_OF_HELLO),
            new ModelEntry("other", "plain-pkg", "0.0.1-beta", "other.tflite", ZEROS)),
        catalog.entries());
  }

  @Test
  void acceptsByteRangesOfABundle() {
    ModelEntry face = ModelCatalog.withCacheDir(Path.of("unused")).entry("face_landmark");
    assertEquals("@mediapipe/holistic", face.npmPackage());
    assertEquals("holistic_solution_packed_assets.data:248408-1490304", face.pathInPackage());
    ModelCatalog parsed =
        ModelCatalog.parse("b\tp@1\tdir/assets.data:0-5\t" + SHA_OF_HELLO + "\n", Path.of("c"));
    assertEquals("dir/assets.data:0-5", parsed.entry("b").pathInPackage());
  }

  @Test
  void rejectsMalformedLines() {
    assertMalformed("a\tp@1\tf.tflite\n", "line 1", "4 tab-separated columns");
    assertMalformed("# x\na\tpkg\tf.tflite\t" + ZEROS + "\n", "line 2", "package@version");
    assertMalformed("a\t@scope/pkg\tf.tflite\t" + ZEROS + "\n", "line 1", "package@version");
    assertMalformed("a\tp@1\tf.tflite\t" + "A".repeat(64) + "\n", "line 1", "sha256");
    assertMalformed("a/b\tp@1\tf.tflite\t" + ZEROS + "\n", "line 1", "bad model name");
    assertMalformed("a\tp@1\t../f.tflite\t" + ZEROS + "\n", "line 1", "bad path");
    assertMalformed("a\tp@1\tf.data:9-9\t" + ZEROS + "\n", "line 1", "bad byte range");
    assertMalformed("a\tp@1\tf.data:9\t" + ZEROS + "\n", "line 1", "bad byte range");
    assertMalformed("a\tp@1\t:0-9\t" + ZEROS + "\n", "line 1", "bad byte range");
    assertMalformed("a\tp@1\tf.data:-1-9\t" + ZEROS + "\n", "line 1", "bad byte range");
    assertMalformed("a\tp@1\tf.data:0-9999999999999\t" + ZEROS + "\n", "line 1", "bad byte range");
    assertMalformed(
        "a\tp@1\tf.tflite\t" + ZEROS + "\na\tp@2\tg.tflite\t" + ZEROS + "\n",
        "line 2",
        "listed twice");
  }

  private static void assertMalformed(String manifest, String... fragments) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelCatalog.parse(manifest, Path.of("c")));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
  }

  @Test
  void missingModelSaysHowToFetchIt(@TempDir Path cache) {
    ModelCatalog catalog = ModelCatalog.parse(manifest(SHA_OF_HELLO), cache);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> catalog.path("tiny"));
    assertTrue(e.getMessage().contains("models/fetch-models.sh"), e.getMessage());
    assertTrue(e.getMessage().contains(cache.resolve("tiny.tflite").toString()), e.getMessage());
  }

  @Test
  void unknownModelIsAnArgumentError(@TempDir Path cache) {
    ModelCatalog catalog = ModelCatalog.parse(manifest(SHA_OF_HELLO), cache);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> catalog.path("nope"));
    assertTrue(e.getMessage().contains("[tiny, other]"), e.getMessage());
  }

  @Test
  void verifiesSha256(@TempDir Path cache) throws Exception {
    Files.write(cache.resolve("tiny.tflite"), "hello".getBytes(StandardCharsets.US_ASCII));
    Files.write(cache.resolve("other.tflite"), "hello".getBytes(StandardCharsets.US_ASCII));
    ModelCatalog catalog = ModelCatalog.parse(manifest(SHA_OF_HELLO), cache);

    assertEquals(cache.resolve("tiny.tflite"), catalog.path("tiny"));

    // "other" expects 64 zeros: the message gives both sums and the remedy.
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> catalog.path("other"));
    assertTrue(e.getMessage().contains("has sha256 " + SHA_OF_HELLO), e.getMessage());
    assertTrue(e.getMessage().contains("expects " + ZEROS), e.getMessage());
    assertTrue(e.getMessage().contains("models/fetch-models.sh other"), e.getMessage());
  }

  @Test
  void cacheDirComesFromPropertyThenEnvironmentThenTheTree(@TempDir Path root) throws Exception {
    Path nested = Files.createDirectories(root.resolve("a/b/c"));
    Path cache = Files.createDirectories(root.resolve("a/models/cache"));

    assertEquals(
        Path.of("/p").toAbsolutePath(),
        ModelCatalog.resolveCacheDir(Optional.of("/p"), Optional.of("/e"), nested));
    assertEquals(
        Path.of("/e").toAbsolutePath(),
        ModelCatalog.resolveCacheDir(Optional.of(" "), Optional.of("/e"), nested));
    assertEquals(cache, ModelCatalog.resolveCacheDir(Optional.empty(), Optional.empty(), nested));
    // Nothing found anywhere above: models/cache under the current directory (reported missing).
    Path lonely = Files.createDirectories(root.resolve("z"));
    assertEquals(
        lonely.resolve("models/cache"),
        ModelCatalog.resolveCacheDir(Optional.empty(), Optional.empty(), lonely));
  }
}
