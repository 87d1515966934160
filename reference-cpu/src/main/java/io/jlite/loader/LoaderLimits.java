package io.jlite.loader;

/**
 * Bounds checked before anything is allocated for a model.
 *
 * @param maxTensorBytes the largest size one tensor may declare
 * @param maxTotalBytes the largest sum of all non-constant tensor sizes (the activations memory)
 */
public record LoaderLimits(long maxTensorBytes, long maxTotalBytes) {
  /** 1 GiB per tensor and 4 GiB in all: generous for on-device models, safe on a desktop. */
  public static final LoaderLimits DEFAULT = new LoaderLimits(1L << 30, 4L << 30);

  public LoaderLimits {
    if (maxTensorBytes <= 0 || maxTotalBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
