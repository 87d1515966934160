package io.jlite.gpu.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MemoryStrategiesTest {
  /** A chain a → b → c of 100, 50, 100 bytes: a and c may share; b overlaps both. */
  private static final List<TensorUsage> CHAIN =
      List.of(
          new TensorUsage(0, 10, 100, 0, 1),
          new TensorUsage(1, 11, 50, 1, 2),
          new TensorUsage(2, 12, 100, 2, 3));

  @Test
  void lowerBoundIsTheWidestStep() {
    // steps: 0 → 100, 1 → 150, 2 → 150, 3 → 100
    assertEquals(150, LowerBound.of(CHAIN));
    assertEquals(0, LowerBound.of(List.of()));
  }

  @Test
  void handWorkedChain() {
    assertEquals(250, new NaiveStrategy().assignObjects(CHAIN).totalSize());
    // a and c have the same size and disjoint lifetimes: one object of 100, plus b's 50
    for (MemoryStrategy s : MemoryStrategy.all().subList(1, 6)) {
      ObjectAssignment a = s.assignObjects(CHAIN);
      assertEquals(150, a.totalSize(), s.name());
      assertEquals(a.objectOf().get(0), a.objectOf().get(2), s.name());
    }
    assertEquals(150, new GreedyBySizeStrategy().assignOffsets(CHAIN).totalSize());
  }

  @Test
  void equalityReusesOnlyEqualSizes() {
    List<TensorUsage> usages =
        List.of(new TensorUsage(0, 0, 100, 0, 0), new TensorUsage(1, 1, 60, 1, 1));
    assertEquals(160, new EqualityStrategy().assignObjects(usages).totalSize());
    assertEquals(100, new GreedyInOrderStrategy().assignObjects(usages).totalSize());
  }

  @Test
  void greedyInOrderGrowsTheLargestFreeObject() {
    // 60 dies, then 100 is born: the 60-byte object grows to 100 instead of a new one
    List<TensorUsage> usages =
        List.of(new TensorUsage(0, 0, 60, 0, 0), new TensorUsage(1, 1, 100, 1, 1));
    ObjectAssignment a = new GreedyInOrderStrategy().assignObjects(usages);
    assertEquals(List.of(0, 0), a.objectOf());
    assertEquals(List.of(100L), a.objectSizes());
  }

  @Test
  void checksCatchOverlaps() {
    ObjectAssignment bad = new ObjectAssignment(List.of(0, 0, 1), List.of(100L, 100L));
    assertThrows(IllegalStateException.class, () -> bad.check(CHAIN));
    OffsetAssignment overlapping = new OffsetAssignment(List.of(0L, 60L, 150L), 250);
    assertThrows(IllegalStateException.class, () -> overlapping.check(CHAIN));
    assertThrows(IllegalArgumentException.class, () -> MemoryStrategy.named("NOPE"));
  }

  @Property(tries = 200)
  void everyStrategyIsValidAndAboveTheLowerBound(@ForAll("usages") List<TensorUsage> usages) {
    long bound = LowerBound.of(usages);
    long naive = new NaiveStrategy().assignObjects(usages).totalSize();
    for (MemoryStrategy s : MemoryStrategy.all()) {
      ObjectAssignment objects = s.assignObjects(usages);
      objects.check(usages);
      assertTrue(objects.totalSize() >= bound, s.name());
      assertTrue(objects.totalSize() <= naive, s.name());
      OffsetAssignment offsets = s.assignOffsets(usages);
      offsets.check(usages);
      assertTrue(offsets.totalSize() >= bound, s.name());
    }
  }

  @Provide
  Arbitrary<List<TensorUsage>> usages() {
    Arbitrary<int[]> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 64))
            .as((first, length, size) -> new int[] {first, first + length, size * 16});
    return one.list()
        .ofMinSize(1)
        .ofMaxSize(25)
        .map(
            list -> {
              List<TensorUsage> out = new ArrayList<>();
              for (int[] u : list) {
                out.add(new TensorUsage(out.size(), out.size(), u[2], u[0], u[1]));
              }
              return out;
            });
  }
}
