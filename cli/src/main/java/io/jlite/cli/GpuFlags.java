package io.jlite.cli;

import io.jlite.DelegateProvider;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;
import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.Precision;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The GPU delegate flags {@code jlite run} and {@code jlite bench} share (a picocli mixin): {@code
 * --precision}, {@code --autotune}, {@code --memory}. They become one {@link GpuSettings} that the
 * opencl and gles providers both accept ({@link io.jlite.gpu.GpuDelegateProvider}). {@code
 * --gles-textures} picks the gles backend's other provider ({@link #provider}).
 */
final class GpuFlags {
  private static final String GLES_TEXTURES = "gles-textures";

  @Option(
      names = "--precision",
      paramLabel = "fp32|fp16",
      description =
          "How the opencl and gles backends store tensors on the device; fp16: 16-bit storage,"
              + " 32-bit arithmetic (default: fp32).")
  Precision precision;

  @Option(
      names = "--autotune",
      description =
          "opencl and gles: time candidate workgroup sizes of every kernel on the device and keep"
              + " the fastest (cached on disk; the first start pays).")
  boolean autotune;

  @Option(
      names = "--memory",
      paramLabel = "STRATEGY",
      converter = StrategyConverter.class,
      completionCandidates = StrategyNames.class,
      description =
          "opencl and gles: how intermediate tensors share device buffers, one of"
              + " ${COMPLETION-CANDIDATES} (default: GREEDY_BY_BREADTH).")
  MemoryStrategy memory;

  @Option(
      names = "--gles-textures",
      description =
          "gles: keep device tensors in image textures instead of SSBOs where the driver's"
              + " limits allow (default: SSBOs).")
  boolean glesTextures;

  /** Whether any of the flags was given. */
  boolean given() {
    return precision != null || autotune || memory != null;
  }

  /** The settings the flags ask for, the backends' defaults for those not given. */
  GpuSettings settings(boolean profiling) {
    GpuSettings defaults = GpuSettings.defaults();
    return new GpuSettings(
        precision == null ? defaults.precision() : precision,
        memory == null ? defaults.memory() : memory,
        autotune,
        profiling);
  }

  /**
   * Rejects the flags as a usage error when none of {@code backends} is a GPU backend, where they
   * would silently do nothing.
   */
  void requireGpuBackend(CommandSpec spec, Collection<String> backends) {
    if (glesTextures
        && !backends.contains(BackendKind.GLES.toString())
        && !backends.contains(GLES_TEXTURES)) {
      throw new ParameterException(
          spec.commandLine(),
          "--gles-textures applies to the gles backend; got " + String.join(",", backends));
    }
    if (given() && backends.stream().noneMatch(GpuFlags::isGpu)) {
      throw new ParameterException(
          spec.commandLine(),
          "--precision, --autotune and --memory apply to the opencl and gles backends; got "
              + String.join(",", backends));
    }
  }

  /**
   * The name of the delegate provider that runs {@code kind}: {@code gles-textures} for gles with
   * {@code --gles-textures}, else the backend's own.
   */
  String provider(BackendKind kind) {
    return kind == BackendKind.GLES && glesTextures ? GLES_TEXTURES : kind.toString();
  }

  /**
   * The provider names of {@code --compare}'s backends: {@code gles} becomes {@code gles-textures}
   * with {@code --gles-textures}, as it does for {@code --backend}.
   */
  List<String> providers(List<String> backends) {
    return backends.stream()
        .map(b -> glesTextures && b.equals(BackendKind.GLES.toString()) ? GLES_TEXTURES : b)
        .toList();
  }

  /** Whether {@code backend} names a provider that takes GPU settings (opencl, gles, ...). */
  private static boolean isGpu(String backend) {
    return DelegateProvider.named(backend)
        .filter(GpuDelegateProvider.class::isInstance)
        .isPresent();
  }

  /** {@code --memory NAME}: a strategy of {@link MemoryStrategy#all()}, in any case. */
  static final class StrategyConverter implements ITypeConverter<MemoryStrategy> {
    @Override
    public MemoryStrategy convert(String name) {
      try {
        return MemoryStrategy.named(name);
      } catch (IllegalArgumentException e) {
        // Its message names the known strategies; picocli makes it a usage error.
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The strategy names, for the help text. */
  static final class StrategyNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return MemoryStrategy.all().stream().map(MemoryStrategy::name).iterator();
    }
  }
}
