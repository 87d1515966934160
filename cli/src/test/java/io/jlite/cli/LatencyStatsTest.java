package io.jlite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void interpolatesBetweenSortedSamples() {
    // Sorted: 1 2 3 4 5 (n = 5). Median: rank 0.5 * 4 = 2 -> 3. p10: rank 0.4 -> 1 + 0.4 * (2 - 1)
    // = 1.4. p90: rank 3.6 -> 4 + 0.6 * (5 - 4) = 4.6 (numpy.percentile gives the same).
    LatencyStats s = LatencyStats.of(new double[] {5, 1, 4, 2, 3});
    assertEquals(3.0, s.median(), 1e-12);
    assertEquals(1.4, s.p10(), 1e-12);
    assertEquals(4.6, s.p90(), 1e-12);
    assertEquals(5, s.runs());
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    // Sorted: 10 20 30 40; rank 0.5 * 3 = 1.5 -> 20 + 0.5 * 10 = 25.
    assertEquals(25.0, LatencyStats.of(new double[] {40, 10, 30, 20}).median(), 1e-12);
  }

  @Test
  void oneSampleIsEveryPercentile() {
    LatencyStats s = LatencyStats.of(new double[] {7});
    assertEquals(7.0, s.p10());
    assertEquals(7.0, s.median());
    assertEquals(7.0, s.p90());
  }

  @Test
  void rejectsNoSamples() {
    assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(new double[0]));
  }
}
