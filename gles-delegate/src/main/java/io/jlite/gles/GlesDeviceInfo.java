package io.jlite.gles;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the driver reports about itself and the compute limits the delegate plans with.
 *
 * @param vendor {@code GL_VENDOR}, e.g. {@code "NVIDIA Corporation"} or {@code "Mesa"}
 * @param renderer {@code GL_RENDERER}, e.g. {@code "llvmpipe (LLVM 15.0.6, 256 bits)"}
 * @param version {@code GL_VERSION}, e.g. {@code "OpenGL ES 3.2 NVIDIA 580.159.04"}
 * @param shadingLanguage {@code GL_SHADING_LANGUAGE_VERSION}
 * @param maxInvocations {@code GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS}
 * @param maxWorkgroupX {@code GL_MAX_COMPUTE_WORK_GROUP_SIZE[0]}
 * @param maxWorkgroupY {@code GL_MAX_COMPUTE_WORK_GROUP_SIZE[1]}
 * @param maxWorkgroupZ {@code GL_MAX_COMPUTE_WORK_GROUP_SIZE[2]}
 * @param maxStorageBlockBytes {@code GL_MAX_SHADER_STORAGE_BLOCK_SIZE}: the largest buffer a shader
 *     can see
 * @param maxStorageBlocks {@code GL_MAX_COMPUTE_SHADER_STORAGE_BLOCKS}: buffers per shader
 * @param binaryFormats {@code GL_NUM_PROGRAM_BINARY_FORMATS}; 0 means no program binaries
 * @param maxTextureSize {@code GL_MAX_TEXTURE_SIZE}: the widest and highest 2D texture (ES 3.1
 *     guarantees 2048)
 * @param maxImageUnits image textures one compute shader can bind: the smaller of {@code
 *     GL_MAX_COMPUTE_IMAGE_UNIFORMS} and {@code GL_MAX_IMAGE_UNITS} (ES 3.1 guarantees 4)
 */
public record GlesDeviceInfo(
    String vendor,
    String renderer,
    String version,
    String shadingLanguage,
    int maxInvocations,
    int maxWorkgroupX,
    int maxWorkgroupY,
    int maxWorkgroupZ,
    long maxStorageBlockBytes,
    int maxStorageBlocks,
    int binaryFormats,
    int maxTextureSize,
    int maxImageUnits) {
  private static final Pattern ES_VERSION = Pattern.compile("OpenGL ES (\\d+)\\.(\\d+)");

  /**
   * The OpenGL ES version in {@code version} as {@code major * 10 + minor} (32 for 3.2), or 0 if it
   * does not say "OpenGL ES x.y".
   */
  public static int esVersion(String version) {
    Matcher m = ES_VERSION.matcher(version);
    return m.find() ? Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2)) : 0;
  }

  /** Whether the driver runs on the CPU (Mesa's llvmpipe or softpipe): slow, but exact. */
  public boolean isSoftware() {
    return renderer.contains("llvmpipe") || renderer.contains("softpipe");
  }

  /**
   * What must be equal for a program binary to be reused: a binary is only valid for the driver
   * build and GPU that produced it.
   */
  public String cacheKey() {
    return "GLES\nvendor: "
        + vendor
        + "\nrenderer: "
        + renderer
        + "\nversion: "
        + version
        + "\nglsl: "
        + shadingLanguage;
  }

  @Override
  public String toString() {
    return renderer + " (" + version + ")";
  }
}
