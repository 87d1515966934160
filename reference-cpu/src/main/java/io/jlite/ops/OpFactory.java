package io.jlite.ops;

/** Builds an {@link Op} from an operator of the model: reads and checks its options and inputs. */
@FunctionalInterface
public interface OpFactory {
  Op create(OpContext context);
}
