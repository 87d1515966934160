package io.jlite.conformance;

import io.jlite.Delegate;
import io.jlite.DelegateProvider;
import io.jlite.Interpreter;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;
import io.jlite.gpu.plan.Precision;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * A backend under test: JLite's reference CPU ({@link #CPU}, no delegate), or JLite with the
 * delegate of one {@link DelegateProvider} found on the class path. Ops the delegate does not claim
 * run on the reference CPU (the interpreter's partitioner), so a case always compares the whole
 * model.
 *
 * @param name as users spell it ({@code cpu}, {@code opencl}, ...)
 * @param provider the backend's delegate factory; empty for the reference CPU
 * @param precision what the backend computes in, which picks the tolerance
 */
public record ConformanceBackend(
    String name, Optional<DelegateProvider> provider, Tolerance.Precision precision) {
  /** JLite's reference interpreter alone. */
  public static final ConformanceBackend CPU =
      new ConformanceBackend("cpu", Optional.empty(), Tolerance.Precision.FP32);

  /**
   * System property that restricts the backends the suite runs on, a comma-separated list of names
   * (e.g. {@code -Djlite.conformance.backends=opencl}); all available ones when unset.
   */
  public static final String SELECT_PROPERTY = "jlite.conformance.backends";

  /** System property that adds the GPU backends' fp16 variants ({@code opencl-fp16}, ...). */
  public static final String FP16_PROPERTY = "jlite.conformance.fp16";

  /**
   * The reference CPU and every provider that is available on this machine, restricted to those
   * named by the {@value #SELECT_PROPERTY} system property when it is set.
   */
  public static List<ConformanceBackend> available() {
    List<ConformanceBackend> all = new ArrayList<>();
    all.add(CPU);
    for (DelegateProvider p : DelegateProvider.all()) {
      if (p.isAvailable()) {
        all.addAll(variants(p));
      }
    }
    String selected = System.getProperty(SELECT_PROPERTY, "").trim();
    if (selected.isEmpty()) {
      // The fp16 variants run when named (or with -Djlite.conformance.fp16=true): on PoCL and
      // llvmpipe they cost as much as their fp32 backend and mostly retest its kernels.
      boolean fp16 = Boolean.getBoolean(FP16_PROPERTY);
      return all.stream().filter(b -> fp16 || b.precision() == Tolerance.Precision.FP32).toList();
    }
    List<ConformanceBackend> chosen = new ArrayList<>();
    for (String name : java.util.regex.Pattern.compile(",").splitAsStream(selected).toList()) {
      chosen.add(named(all, name.trim().toLowerCase(Locale.ROOT)));
    }
    return chosen;
  }

  /**
   * How often the suite's properties pick this backend relative to the others (each try of a
   * property runs one case on one backend). OpenCL runs on PoCL in CI, which compiles every new
   * kernel with LLVM (about a second per generated case on the 2-core CI machine, 20 times a
   * llvmpipe case), and the fp16 variants repeat their fp32 backend's kernels: these get weight 1,
   * the reference CPU and GLES 6, so 200 tries give each op about 15 OpenCL cases and keep the
   * suite within minutes. {@code gles-textures} (GLES with tensors in image textures) runs GLES's
   * templates again through other storage, so it gets 1 too. {@code -Djqwik.tries.default=N} raises
   * all of them alike; {@code -Djlite.conformance.backends=opencl} gives OpenCL every try.
   */
  public int weight() {
    return name.equals("opencl")
            || name.equals("gles-textures")
            || precision == Tolerance.Precision.FP16
        ? 1
        : 6;
  }

  /** The backends as a jqwik arbitrary, each picked in proportion to its {@link #weight}. */
  public static Arbitrary<ConformanceBackend> arbitrary() {
    List<Tuple.Tuple2<Integer, ConformanceBackend>> weighted = new ArrayList<>();
    for (ConformanceBackend b : available()) {
      weighted.add(Tuple.of(b.weight(), b));
    }
    return Arbitraries.frequency(weighted);
  }

  /** The available backend called {@code name}; IllegalArgumentException naming the others. */
  public static ConformanceBackend named(String name) {
    List<ConformanceBackend> all = new ArrayList<>();
    all.add(CPU);
    for (DelegateProvider p : DelegateProvider.all()) {
      all.addAll(variants(p));
    }
    return named(all, name);
  }

  /**
   * The backends of one provider: its defaults (fp32), and for a GPU backend also {@code
   * NAME-fp16}, its delegates storing tensors in 16 bits, held to the fp16 tolerances.
   */
  private static List<ConformanceBackend> variants(DelegateProvider p) {
    List<ConformanceBackend> v = new ArrayList<>();
    v.add(new ConformanceBackend(p.name(), Optional.of(p), Tolerance.Precision.FP32));
    if (p instanceof GpuDelegateProvider gpu) {
      GpuSettings half = GpuSettings.defaults().withPrecision(Precision.FP16);
      v.add(
          new ConformanceBackend(
              p.name() + "-fp16", Optional.of(gpu.with(half)), Tolerance.Precision.FP16));
    }
    return v;
  }

  private static ConformanceBackend named(List<ConformanceBackend> all, String name) {
    for (ConformanceBackend b : all) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    List<String> names = all.stream().map(ConformanceBackend::name).toList();
    throw new IllegalArgumentException("no backend '" + name + "'; available: " + names);
  }

  /**
   * Loads {@code model} on this backend. The caller closes the result, which also closes the
   * delegate it created.
   */
  public Loaded load(byte[] model) {
    Optional<Delegate> delegate = provider.map(DelegateProvider::create);
    Interpreter.Options options = new Interpreter.Options();
    delegate.ifPresent(options::addDelegate);
    try {
      return new Loaded(new Interpreter(ByteBuffer.wrap(model.clone()), options), delegate);
    } catch (RuntimeException e) {
      delegate.ifPresent(Delegate::close);
      throw e;
    }
  }

  /** An interpreter and the delegate it uses, closed together. */
  public record Loaded(Interpreter interpreter, Optional<Delegate> delegate)
      implements AutoCloseable {
    /** Whether the delegate claimed at least one op (false on the reference CPU). */
    public boolean delegated() {
      return interpreter.delegatePartitionCount() > 0;
    }

    @Override
    public void close() {
      try {
        interpreter.close();
      } finally {
        delegate.ifPresent(Delegate::close);
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
