package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DataType;
import io.jlite.Interpreter;
import io.jlite.JLiteException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Op;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The safety net around every op: whatever an op throws, at run time or while constants are folded
 * at preparation, leaves the interpreter as a {@link JLiteException} naming the op, and the
 * interpreter stays usable.
 */
class OpFailureTest {
  private static final Shape SHAPE = Shape.of(2);

  /** y = op(x), where x is a graph input or a constant. */
  private static Graph graph(Op op, boolean constantInput) {
    Optional<NdArray> value =
        constantInput ? Optional.of(NdArray.of(SHAPE, new float[] {1, 2})) : Optional.empty();
    TensorSpec x = new TensorSpec(0, "x", DataType.FLOAT32, SHAPE, Quantization.NONE, value);
    TensorSpec y =
        new TensorSpec(1, "y", DataType.FLOAT32, SHAPE, Quantization.NONE, Optional.empty());
    Node node = new Node(0, "FLAKY", List.of(0), List.of(1), op);
    return new Graph(
        "flaky.tflite",
        List.of(x, y),
        List.of(node),
        constantInput ? List.of() : List.of(0),
        List.of(1));
  }

  @Test
  void anOpRunningOutOfMemoryIsATypedErrorAndTheInterpreterSurvives() {
    boolean[] fail = {true};
    Op op =
        in -> {
          if (fail[0]) {
            // What `new float[n]` throws when a model makes an op compute a huge output.
            throw new OutOfMemoryError("Java heap space");
          }
          return new NdArray[] {in[0]};
        };
    try (Interpreter interpreter = new Interpreter(graph(op, false), new Interpreter.Options())) {
      List<NdArray> x = List.of(NdArray.of(SHAPE, new float[] {3, 4}));
      JLiteException e = assertThrows(JLiteException.class, () -> interpreter.runRaw(x));
      assertTrue(
          e.getMessage().startsWith("flaky.tflite: op #0 FLAKY needs more memory"), e.getMessage());
      assertInstanceOf(OutOfMemoryError.class, e.getCause());
      fail[0] = false;
      assertEquals(4f, interpreter.runRaw(x).get(0).floats()[1]);
    }
  }

  @Test
  void anOpFailingWhileConstantsAreFoldedNamesTheOp() {
    Op op =
        in -> {
          throw new ArrayIndexOutOfBoundsException("Index 7 out of bounds for length 2");
        };
    JLiteException e =
        assertThrows(
            JLiteException.class,
            () -> new Interpreter(graph(op, true), new Interpreter.Options()));
    assertTrue(e.getMessage().startsWith("flaky.tflite: op #0 FLAKY failed"), e.getMessage());
    assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
  }
}
