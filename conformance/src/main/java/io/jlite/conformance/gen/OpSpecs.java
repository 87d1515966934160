package io.jlite.conformance.gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The generators of every op the suite covers, by op name. */
public final class OpSpecs {
  private static final Map<String, OpSpec> ALL = build();

  private OpSpecs() {}

  private static Map<String, OpSpec> build() {
    List<OpSpec> specs = new ArrayList<>();
    specs.addAll(ConvSpecs.all());
    specs.addAll(ElementwiseSpecs.all());
    specs.addAll(TensorSpecs.all());
    Map<String, OpSpec> byName = new TreeMap<>();
    for (OpSpec s : specs) {
      if (byName.put(s.opName(), s) != null) {
        throw new IllegalStateException("two generators for " + s.opName());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Every generator, by op name (sorted). */
  public static Map<String, OpSpec> all() {
    return ALL;
  }

  /** The generator of {@code opName}; IllegalArgumentException if the suite has none. */
  public static OpSpec get(String opName) {
    OpSpec s = ALL.get(opName);
    if (s == null) {
      throw new IllegalArgumentException("no conformance generator for op " + opName);
    }
    return s;
  }
}
