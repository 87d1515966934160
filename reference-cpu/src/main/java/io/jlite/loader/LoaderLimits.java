package io.jlite.loader;

/**
 * Bounds checked before anything is allocated for a model. A model over a bound is rejected with a
 * {@link io.jlite.ModelFormatException} that names the tensor or the total and the limit.
 *
 * @param maxTensorBytes the largest size one tensor may declare (checked as the model is read)
 * @param maxTotalBytes the largest sum of the sizes of all tensors the model declares, constants
 *     included (checked as the model is read)
 * @param maxArenaBytes the largest amount of memory the intermediate tensors of one run may need at
 *     once: the peak, over the ops in execution order, of the sizes of the non-constant tensors
 *     still to be read (checked when the interpreter is prepared, before the first run)
 */
public record LoaderLimits(long maxTensorBytes, long maxTotalBytes, long maxArenaBytes) {
  /**
   * 1 GiB per tensor, 4 GiB of tensors in all and 2 GiB of intermediate tensors per run: the
   * largest MediaPipe models need a few hundred MiB at most, and a desktop JVM can hold this.
   */
  public static final LoaderLimits DEFAULT = new LoaderLimits(1L << 30, 4L << 30, 2L << 30);

  public LoaderLimits {
    if (maxTensorBytes <= 0 || maxTotalBytes <= 0 || maxArenaBytes <= 0) {
      throw new IllegalArgumentException(
          "limits must be positive, got tensor "
              + maxTensorBytes
              + ", total "
              + maxTotalBytes
              + ", arena "
              + maxArenaBytes);
    }
  }

  /** These limits with another per-tensor bound. */
  public LoaderLimits withMaxTensorBytes(long bytes) {
    return new LoaderLimits(bytes, maxTotalBytes, maxArenaBytes);
  }

  /** These limits with another bound on all tensors together. */
  public LoaderLimits withMaxTotalBytes(long bytes) {
    return new LoaderLimits(maxTensorBytes, bytes, maxArenaBytes);
  }

  /** These limits with another bound on the intermediate tensors of one run. */
  public LoaderLimits withMaxArenaBytes(long bytes) {
    return new LoaderLimits(maxTensorBytes, maxTotalBytes, bytes);
  }
}
