package io.jlite.ops;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ops JLite implements, by TFLite name ({@code "CONV_2D"}, or {@code "CUSTOM:" + custom code}
 * for custom ops). Each family of ops registers itself in its own small class.
 */
public final class OpRegistry {
  private static final OpRegistry STANDARD = buildStandard();

  private final Map<String, OpFactory> factories;

  private OpRegistry(Map<String, OpFactory> factories) {
    this.factories = Collections.unmodifiableMap(factories);
  }

  /** All ops of the reference engine. */
  public static OpRegistry standard() {
    return STANDARD;
  }

  private static OpRegistry buildStandard() {
    Map<String, OpFactory> r = new TreeMap<>();
    ElementwiseOps.register(r);
    ConvolutionOps.register(r);
    TensorOps.register(r);
    return new OpRegistry(r);
  }

  public boolean supports(String opName) {
    return factories.containsKey(opName);
  }

  /** Names of all supported ops, sorted. */
  public Set<String> opNames() {
    return factories.keySet();
  }

  /** Builds the op; {@link io.jlite.UnsupportedOpException} if JLite does not implement it. */
  public Op create(OpContext context) {
    OpFactory factory = factories.get(context.opName());
    if (factory == null) {
      throw context.unsupported("operator " + context.opName() + " is not supported by JLite");
    }
    return factory.create(context);
  }
}
