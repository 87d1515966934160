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
      return all;
    }
    List<ConformanceBackend> chosen = new ArrayList<>();
    for (String name : java.util.regex.Pattern.compile(",").splitAsStream(selected).toList()) {
      chosen.add(named(all, name.trim().toLowerCase(Locale.ROOT)));
    }
    return chosen;
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
