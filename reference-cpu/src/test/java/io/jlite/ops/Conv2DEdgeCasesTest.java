package io.jlite.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ShapeMismatchException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.junit.jupiter.api.Test;

/** CONV_2D on shapes a hostile model can declare. */
class Conv2DEdgeCasesTest {
  @Test
  void anInputWithoutChannelsIsAShapeMismatchNotADivisionByZero() {
    // Fuzzer finding (regression input conv-zero-input-channels-a065a686): 0 input channels made
    // the group count 0 and the output-depth check divide by it.
    NdArray input = NdArray.of(Shape.of(1, 2, 2, 0), new float[0]);
    NdArray filter = NdArray.of(Shape.of(3, 1, 1, 0), new float[0]);
    Conv2D conv = new Conv2D(Padding.VALID, 1, 1, 1, 1, Activation.NONE);
    ShapeMismatchException e =
        assertThrows(ShapeMismatchException.class, () -> conv.apply(new NdArray[] {input, filter}));
    assertTrue(e.getMessage().contains("CONV_2D input depth 0"), e.getMessage());
  }
}
