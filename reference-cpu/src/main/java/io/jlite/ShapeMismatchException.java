package io.jlite;

/**
 * A tensor does not have the shape or data type an operation needs: a wrong input given to {@link
 * Interpreter#run}, or operands of an op that cannot be combined.
 */
public class ShapeMismatchException extends JLiteException {
  private static final long serialVersionUID = 1L;

  public ShapeMismatchException(String message) {
    super(message);
  }
}
