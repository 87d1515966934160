package io.jlite.gpu.memory;

import java.util.List;

/**
 * A way to let tensors with disjoint lifetimes share memory, in both forms a GPU backend needs:
 * shared objects (tensor → object, object sizes) and offsets in one linear arena. Strategies that
 * are about objects lay their objects out one after another for the arena, unless they say better.
 */
public sealed interface MemoryStrategy
    permits NaiveStrategy,
        EqualityStrategy,
        GreedyInOrderStrategy,
        GreedyBySizeStrategy,
        GreedyByBreadthStrategy,
        MinCostFlowStrategy {
  /** The strategy's name, as {@code jlite plan} prints it (e.g. {@code GREEDY_BY_SIZE}). */
  String name();

  /** Assigns every usage (by {@link TensorUsage#id}) to a shared object. */
  ObjectAssignment assignObjects(List<TensorUsage> usages);

  /** Places every usage in one arena. */
  default OffsetAssignment assignOffsets(List<TensorUsage> usages) {
    return assignObjects(usages).toOffsets();
  }

  /**
   * The strategy GPU backends use unless told otherwise: GREEDY_BY_BREADTH, whose shared objects
   * came within 6–21% of the lower bound on the four MediaPipe models of the gpu-common README
   * (best or second best of the six on each; MIN_COST_FLOW ranged 5–43%).
   */
  static MemoryStrategy deviceDefault() {
    return new GreedyByBreadthStrategy();
  }

  /** All strategies, NAIVE first. */
  static List<MemoryStrategy> all() {
    return List.of(
        new NaiveStrategy(),
        new EqualityStrategy(),
        new GreedyInOrderStrategy(),
        new GreedyBySizeStrategy(),
        new GreedyByBreadthStrategy(),
        new MinCostFlowStrategy());
  }

  /** The strategy of a name (case-insensitive). */
  static MemoryStrategy named(String name) {
    return all().stream()
        .filter(s -> s.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no memory strategy "
                        + name
                        + "; known: "
                        + all().stream().map(MemoryStrategy::name).toList()));
  }
}
