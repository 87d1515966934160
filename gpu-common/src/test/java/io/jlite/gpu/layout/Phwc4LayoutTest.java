package io.jlite.gpu.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.Shape;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Phwc4LayoutTest {
  @Test
  void sixChannelsTakeTwoSlicesWithTwoPaddingLanes() {
    // BHWC [1, 1, 2, 6]: elements 0..5 at x = 0, 6..11 at x = 1
    Phwc4Layout l = Phwc4Layout.of(Shape.of(1, 1, 2, 6));
    assertEquals(2, l.slices());
    assertEquals(4, l.vec4Count());
    float[] bhwc = new float[12];
    for (int i = 0; i < 12; i++) {
      bhwc[i] = i + 1;
    }
    // slice 0 holds channels 0-3 of x = 0 then x = 1; slice 1 channels 4-5 and two zero lanes
    float[] expected = {1, 2, 3, 4, 7, 8, 9, 10, 5, 6, 0, 0, 11, 12, 0, 0};
    assertArrayEquals(expected, l.fromBhwc(bhwc));
    assertArrayEquals(bhwc, l.toBhwc(expected));
  }

  @Test
  void lowerRanksArePaddedWithLeadingOnes() {
    assertEquals(new Phwc4Layout(1, 1, 1, 5), Phwc4Layout.of(Shape.of(5)));
    assertEquals(new Phwc4Layout(1, 1, 3, 5), Phwc4Layout.of(Shape.of(3, 5)));
    assertEquals(new Phwc4Layout(1, 2, 3, 5), Phwc4Layout.of(Shape.of(2, 3, 5)));
    assertEquals(new Phwc4Layout(1, 1, 1, 1), Phwc4Layout.of(Shape.scalar()));
    assertThrows(ShapeMismatchException.class, () -> Phwc4Layout.of(Shape.of(1, 2, 3, 4, 5)));
  }

  @Test
  void indexPutsSlicesOutsideRowsAndColumns() {
    Phwc4Layout l = new Phwc4Layout(2, 3, 4, 9); // S = 3
    assertEquals(((1 * 3 + 2) * 3 + 1) * 4 + 3, l.index(1, 1, 3, 2));
    assertArrayEquals(new int[] {36, 12, 4, 1}, l.vec4Strides());
    assertEquals(2L * 3 * 3 * 4 * 4 * 4, l.byteSize(4));
  }

  @Test
  void wrongLengthsAreRejected() {
    Phwc4Layout l = new Phwc4Layout(1, 2, 2, 3);
    assertThrows(ShapeMismatchException.class, () -> l.fromBhwc(new float[11]));
    assertThrows(ShapeMismatchException.class, () -> l.toBhwc(new float[12]));
  }

  @Property
  void roundTripAndZeroPadding(
      @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 4) int h,
      @ForAll @IntRange(min = 1, max = 4) int w,
      @ForAll @IntRange(min = 1, max = 11) int c) {
    Phwc4Layout l = new Phwc4Layout(b, h, w, c);
    float[] bhwc = new float[b * h * w * c];
    for (int i = 0; i < bhwc.length; i++) {
      bhwc[i] = i + 1;
    }
    float[] p = l.fromBhwc(bhwc);
    assertEquals(4L * b * h * w * ((c + 3) / 4), p.length);
    int nonZero = 0;
    for (float v : p) {
      nonZero += v != 0 ? 1 : 0;
    }
    assertEquals(bhwc.length, nonZero, "every padding lane is zero, every element is kept");
    assertArrayEquals(bhwc, l.toBhwc(p));
    // element (b, y, x, c) lands at lane c % 4 of vec4 index(b, y, x, c / 4)
    int last = bhwc.length - 1;
    assertEquals(bhwc[last], p[l.index(b - 1, h - 1, w - 1, (c - 1) / 4) * 4 + (c - 1) % 4]);
  }
}
