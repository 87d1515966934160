package io.jlite.gpu.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How {@link PointwiseDepthwiseTemplate} shares its 128 items between positions. */
class PointwiseDepthwiseTemplateTest {
  @Test
  void itemsPerPositionFillTheWorkgroupWithoutExceedingTheInputSlices() {
    assertEquals(2, PointwiseDepthwiseTemplate.lanes(64, 68), "8x8: two items per position");
    assertEquals(1, PointwiseDepthwiseTemplate.lanes(256, 40), "16x16: two positions per item");
    assertEquals(32, PointwiseDepthwiseTemplate.lanes(4, 72));
    assertEquals(8, PointwiseDepthwiseTemplate.lanes(15, 10), "no more than 10 input slices");
    assertEquals(1, PointwiseDepthwiseTemplate.lanes(4, 1));
  }

  @Test
  void serialSlicesCountEveryPositionAndShareOfAnItem() {
    assertEquals(34, PointwiseDepthwiseTemplate.serialSlices(64, 68), "8x8x272: 1 x 68/2");
    assertEquals(80, PointwiseDepthwiseTemplate.serialSlices(256, 40), "16x16x160: 2 x 40");
    assertEquals(3, PointwiseDepthwiseTemplate.serialSlices(4, 72), "2x2x288: 1 x ceil(72/32)");
  }
}
